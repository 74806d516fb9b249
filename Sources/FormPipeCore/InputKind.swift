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
        if ["html", "htm", "xhtml", "txt", "md", "text", "markdown", ""].contains(ext), let share = binaryShare(head) {
            throw ConversionError(
                .notSupported, file: file, stage: .intake,
                "binary data, not \(ext.hasPrefix("htm") ? "HTML" : "text") (\(share) % of the first \(head.count) bytes are control bytes)")
        }
        switch ext {
        case "pdf":
            throw ConversionError(.damaged, file: file, stage: .intake, "not a PDF: no %PDF- header in the first 1 KiB")
        case "html", "htm", "xhtml":
            return .ocrHTML
        case "txt", "md", "text", "markdown":
            return looksLikeHTML(head) ? .ocrHTML : .ocrText
        case "":
            // No extension: the content decides (text unless it is HTML).
            return looksLikeHTML(head) ? .ocrHTML : .ocrText
        default:
            if looksLikeHTML(head) { return .ocrHTML }
            throw ConversionError(
                .notSupported, file: file, stage: .intake,
                "unsupported file type '.\(ext)': formpipe reads PDF, OCR text (.txt, .md) and OCR HTML (.html)")
        }
    }

    /// The percentage of control bytes (other than tab, line feed, carriage return, form feed and
    /// escape) in `head` when it is over 2 %, which no text or HTML file has; nil otherwise. A
    /// UTF-16 or UTF-32 file (byte-order mark first) is full of NULs and is text.
    private static func binaryShare(_ head: [UInt8]) -> Int? {
        guard ![[0xFF, 0xFE], [0xFE, 0xFF], [0x00, 0x00, 0xFE, 0xFF]].contains(where: head.starts(with:)) else { return nil }
        let control = head.count { $0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D, 0x1B].contains($0) }
        guard control * 50 > head.count else { return nil }
        return max(1, control * 100 / head.count)
    }

    private static func looksLikeHTML(_ head: [UInt8]) -> Bool {
        let prefix = String(decoding: head.prefix(1024), as: UTF8.self).lowercased()
        return prefix.contains("<html") || prefix.contains("<table") || prefix.contains("<!doctype html")
    }

    /// How many leading bytes may hold the `%PDF-` header (some producers put junk before it).
    package static let pdfHeaderWindow = 1024

    /// Whether `%PDF-` starts within the first KiB of `head`: the one rule for what is a PDF, for
    /// intake and for the daemon's readiness check alike.
    package static func hasPDFHeader(_ head: [UInt8]) -> Bool {
        guard let range = head.firstRange(of: Array("%PDF-".utf8)) else { return false }
        return range.lowerBound < pdfHeaderWindow
    }
}

/// Magic numbers of files people drop by mistake, so the error can say what the file is.
package enum BinarySignature {
    /// What the file is, and bytes it starts with (`nil` entries match any byte).
    private static let signatures: [(String, [UInt8?])] = [
        ("PNG image", [0x89, 0x50, 0x4E, 0x47]),
        ("JPEG image", [0xFF, 0xD8, 0xFF]),
        ("TIFF image", [0x49, 0x49, 0x2A, 0x00]),
        ("TIFF image", [0x4D, 0x4D, 0x00, 0x2A]),
        ("GIF image", [0x47, 0x49, 0x46, 0x38]),
        ("ZIP archive (or Office document)", [0x50, 0x4B, 0x03, 0x04]),
        ("OLE2 (old Office) document", [0xD0, 0xCF, 0x11, 0xE0]),
        ("gzip archive", [0x1F, 0x8B]),
        ("ELF executable", [0x7F, 0x45, 0x4C, 0x46]),
        ("WebP image", [0x52, 0x49, 0x46, 0x46, nil, nil, nil, nil, 0x57, 0x45, 0x42, 0x50]),
        ("bzip2 archive", [0x42, 0x5A, 0x68, nil, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59]),
        ("xz archive", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]),
        ("7-Zip archive", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]),
        ("RAR archive", [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07]),
        ("PostScript", [0x25, 0x21, 0x50, 0x53]),
    ]

    package static func match(_ head: [UInt8]) -> String? {
        signatures.first { _, pattern in
            head.count >= pattern.count && zip(head, pattern).allSatisfy { byte, wanted in wanted.map { $0 == byte } ?? true }
        }?.0
    }
}
