import Foundation

/// Reads OCR text output: one table row per line with tab-separated cells, `#` headings,
/// `<p>` fragments inside cells, and blank lines where the OCR engine saw a page break.
public struct OCRTextReader: DocumentExtractor {
    public init() {}

    public func extract(file: URL, displayName: String) throws(ConversionError) -> ExtractedDocument {
        try read(Self.contents(of: file, displayName: displayName), displayName: displayName)
    }

    /// Reads OCR text held in memory (UTF-8, or UTF-16 with its byte-order mark). `displayName`
    /// is only used in error messages.
    public func read(_ data: Data, displayName: String) throws(ConversionError) -> ExtractedDocument {
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .utf16) else {
            throw ConversionError(
                .unreadable, file: displayName, stage: .extract,
                "the text is not UTF-8: save the OCR output as UTF-8 and drop it again")
        }
        return read(text)
    }

    /// Splits OCR text into blocks; public for tests and for text handed over in memory.
    public func read(_ text: String) -> ExtractedDocument {
        var blocks: [DocumentBlock] = []
        var previousWasBlank = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
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

    /// "------\t-------": a Markdown table's header rule, which carries no cells.
    private static func isMarkdownRule(_ line: Substring) -> Bool {
        line.contains("---") && line.allSatisfy { $0 == "-" || $0 == "\t" || $0 == " " || $0 == "|" || $0 == ":" }
    }
}
