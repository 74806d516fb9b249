import CLibXML2
import Foundation
import FormPipeCore
import FormPipeLayout

/// Reads the HTML that table-recognition OCR engines (PaddleOCR PP-Structure, MinerU and the
/// like) write: loose text for the title and year lines, `<table>`s with rowspan/colspan for
/// the form.
///
/// What it returns is the source's structure, not a repaired one:
/// - every `<table>` starts with `.tableBreak(page: nil)`: a form split over several tables at
///   page breaks stays split, and the record stage joins it;
/// - each row holds the `<td>`/`<th>` it contains, left to right, with its true grid column
///   (rowspans from earlier rows of the same table are expanded) and its declared spans;
///   inserted empty cells stay, cells that lost their rowspan are not invented;
/// - cell text keeps OCR's spaces ("年初预 算数") and turns `<br>` into "\n" and paragraphs
///   (`<p>`, a `<br>` after "。" in a long cell) into "\n\n"; entities are decoded by libxml2 and
///   `&nbsp;` is a space.
///
/// The parser never touches the network and never loads entities or DTDs: an HTML file is data,
/// whatever its `<!DOCTYPE>` says.
public struct OCRHTMLReader: DocumentExtractor {
    /// libxml2's HTML parser options. `RECOVER` reads tag soup the way browsers do; no
    /// entity-substitution option is ever passed (see the platform notes).
    static let parseOptions = Int32(
        bitPattern: HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_RECOVER.rawValue)

    public init() {}

    public func extract(file: URL, displayName: String) throws(ConversionError) -> ExtractedDocument {
        try read(Self.contents(of: file, displayName: displayName), displayName: displayName)
    }

    /// Reads OCR HTML held in memory. `displayName` is only used in error messages.
    public func read(_ data: Data, displayName: String) throws(ConversionError) -> ExtractedDocument {
        guard data.count < Int(Int32.max) else {
            throw ConversionError(.tooLarge, file: displayName, stage: .extract, "the HTML file is larger than 2 GiB")
        }
        let encoding = HTMLSourceEncoding(data)
        let page = PageInfo(number: 1, textSource: .html)
        var notes = ["html.encoding": encoding.description]
        guard data.contains(where: { !Self.isASCIIWhitespace($0) }) else {
            return ExtractedDocument(kind: .ocrHTML, pages: [page], blocks: [], notes: notes)
        }

        LibXML2.initialize()
        xmlResetLastError()
        let parsed: htmlDocPtr? = encoding.bytes(of: data).withUnsafeBytes { raw in
            let buffer = raw.bindMemory(to: CChar.self)
            return withOptionalCString(encoding.libxmlName) { encodingName in
                htmlReadMemory(buffer.baseAddress, Int32(buffer.count), nil, encodingName, Self.parseOptions)
            }
        }
        guard let document = parsed else {
            throw ConversionError(
                .damaged, file: displayName, stage: .extract,
                "libxml2 could not parse the file as HTML; check that it is an OCR HTML export")
        }
        defer { xmlFreeDoc(document) }
        // libxml2 stops reading at 256 levels of nesting (silently, with HTML_PARSE_NOERROR): what
        // lies deeper is missing, and a "no form" verdict must say so rather than blame the file.
        if let last = xmlGetLastError(), let message = last.pointee.message,
            String(cString: message).contains("Excessive depth")
        {
            notes[Self.truncationNote] = "elements nested more than 256 levels deep; the HTML parser stopped there"
        }

        var walker = HTMLBlockWalker()
        if let root = xmlDocGetRootElement(document) {
            walker.read(HTMLNode(root))
        }
        notes["html.tables"] = String(walker.tableCount)
        return ExtractedDocument(kind: .ocrHTML, pages: [page], blocks: walker.blocks, notes: notes)
    }

    /// The note that says the parser did not read the whole file, and why.
    package static let truncationNote = "html.truncated"

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}

/// Calls `body` with a C string for `string`, or with nil.
private func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}
