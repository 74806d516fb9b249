import Foundation
import FormPipeCore
import FormPipeLayout

/// Reads OCR text output: one table row per line with tab-separated cells, `#` headings,
/// `<p>` fragments inside cells, and blank lines where the OCR engine saw a page break.
public struct OCRTextReader: DocumentExtractor {
    public init() {}

    public func extract(file: URL, displayName: String) throws(ConversionError) -> ExtractedDocument {
        try read(Self.contents(of: file, displayName: displayName), displayName: displayName)
    }

    /// Reads OCR text held in memory: UTF-8 (with or without a byte-order mark), UTF-16 with its
    /// mark, or GB18030 (``TextEncodingDetector``); the encoding goes into the document's notes
    /// (`text.encoding`, in the manifest). `displayName` is only used in error messages.
    public func read(_ data: Data, displayName: String) throws(ConversionError) -> ExtractedDocument {
        switch TextEncodingDetector.decode(data) {
        case .success(let decoded):
            guard decoded.text.unicodeScalars.contains(where: { !$0.properties.isWhitespace && !ControlCharacters.isRemoved($0) }) else {
                throw ConversionError(.empty, file: displayName, stage: .extract,
                                      "the file holds no text, only white space or control characters")
            }
            var document = read(decoded.text)
            document.notes["text.encoding"] = decoded.encoding
            return document
        case .failure(let failure):
            throw ConversionError(.badEncoding, file: displayName, stage: .extract, failure.message)
        }
    }

    /// Splits OCR text into blocks; public for tests and for text handed over in memory. Lines may
    /// end in LF, CRLF (Windows OCR tools) or CR alone: Swift keeps "\r\n" as one character, so
    /// splitting on "\n" alone would find no line breaks at all in a CRLF file.
    public func read(_ text: String) -> ExtractedDocument {
        var blocks: [DocumentBlock] = []
        var previousWasBlank = false
        for line in Self.lines(of: text) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\u{3000}" }) {
                if !previousWasBlank, !blocks.isEmpty { blocks.append(.tableBreak(page: nil)) }
                previousWasBlank = true
                continue
            }
            previousWasBlank = false
            if Self.isMarkdownRule(line) { continue }
            if line.hasPrefix("#") {
                let heading = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                blocks.append(.text(TextLine(text: heading)))
            } else if !line.contains("\t") {
                blocks.append(.text(TextLine(text: String(line))))
            } else {
                let cells = line.split(separator: "\t", omittingEmptySubsequences: false).enumerated().map {
                    TableCell(text: String($0.element), column: $0.offset)
                }
                blocks.append(.row(TableRow(cells: cells)))
            }
        }
        return ExtractedDocument(kind: .ocrText, pages: [PageInfo(number: 1, textSource: .plainText)], blocks: blocks)
    }

    private static func lines(of text: String) -> [Substring] {
        guard text.utf8.contains(0x0D) else { return text.split(separator: "\n", omittingEmptySubsequences: false) }
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return unified.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// "------\t-------": a Markdown table's header rule, which carries no cells.
    private static func isMarkdownRule(_ line: Substring) -> Bool {
        line.contains("---") && line.allSatisfy { $0 == "-" || $0 == "\t" || $0 == " " || $0 == "|" || $0 == ":" }
    }
}
