import Foundation

/// The kinds of input formpipe reads, told apart by content first and by extension second.
public enum InputKind: String, Sendable, Codable {
    case pdf
    case ocrText = "ocr-text"
    case ocrHTML = "ocr-html"

    /// Decides the kind from the file's first bytes and its name.
    ///
    /// A PDF is recognised by its `%PDF-` header wherever the name says otherwise; a file named
    /// `.pdf` without that header is rejected here rather than handed to Poppler, so the user is
    /// told what the file really is.
    public static func detect(path: String, head: [UInt8]) throws(ConversionError) -> InputKind {
        let ext = (path as NSString).pathExtension.lowercased()
        let file = (path as NSString).lastPathComponent
        if head.isEmpty {
            throw ConversionError(.empty, file: file, stage: .intake, "the file is empty")
        }
        if hasPDFHeader(head) { return .pdf }
        if let signature = BinarySignature.match(head) {
            throw ConversionError(
                .notSupported, file: file, stage: .intake,
                ext == "pdf"
                    ? "not a PDF: the file is \(signature) data named .pdf"
                    : "\(signature) data is not a supported input (PDF, OCR text or OCR HTML)")
        }
        switch ext {
        case "pdf":
            throw ConversionError(.damaged, file: file, stage: .intake, "not a PDF: no %PDF- header in the first 1 KiB")
        case "html", "htm", "xhtml":
            return .ocrHTML
        case "txt", "md", "text", "markdown":
            return looksLikeHTML(head) ? .ocrHTML : .ocrText
        default:
            if looksLikeHTML(head) { return .ocrHTML }
            if !head.contains(0) { return .ocrText }
            throw ConversionError(
                .notSupported, file: file, stage: .intake,
                "unsupported file type '.\(ext)': formpipe reads PDF, OCR text (.txt, .md) and OCR HTML (.html)")
        }
    }

    private static func looksLikeHTML(_ head: [UInt8]) -> Bool {
        let prefix = String(decoding: head.prefix(1024), as: UTF8.self).lowercased()
        return prefix.contains("<html") || prefix.contains("<table") || prefix.contains("<!doctype html")
    }

    /// How many leading bytes may hold the `%PDF-` header (some producers put junk before it).
    static let pdfHeaderWindow = 1024

    /// Whether `%PDF-` starts within the first KiB of `head`: the one rule for what is a PDF, for
    /// intake and for the daemon's readiness check alike.
    static func hasPDFHeader(_ head: [UInt8]) -> Bool {
        guard let range = head.firstRange(of: Array("%PDF-".utf8)) else { return false }
        return range.lowerBound < pdfHeaderWindow
    }
}

/// Magic numbers of files people drop by mistake, so the error can say what the file is.
enum BinarySignature {
    private static let signatures: [(String, [UInt8])] = [
        ("PNG image", [0x89, 0x50, 0x4E, 0x47]),
        ("JPEG image", [0xFF, 0xD8, 0xFF]),
        ("TIFF image", [0x49, 0x49, 0x2A, 0x00]),
        ("TIFF image", [0x4D, 0x4D, 0x00, 0x2A]),
        ("GIF image", [0x47, 0x49, 0x46, 0x38]),
        ("ZIP archive (or Office document)", [0x50, 0x4B, 0x03, 0x04]),
        ("OLE2 (old Office) document", [0xD0, 0xCF, 0x11, 0xE0]),
        ("gzip archive", [0x1F, 0x8B]),
    ]

    static func match(_ head: [UInt8]) -> String? {
        signatures.first { head.starts(with: $0.1) }?.0
    }
}
