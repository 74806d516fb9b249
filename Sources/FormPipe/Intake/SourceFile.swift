import Foundation

/// An input file read once: its bytes' checksum, size and kind, and the bytes themselves for the
/// kinds read from memory (OCR text and HTML; Poppler opens a PDF by its path, so a PDF's bytes
/// are not kept).
struct SourceFile {
    var displayName: String
    var size: Int
    var sha256: String
    var kind: InputKind
    var bytes: Data?

    static func read(_ url: URL, displayName: String, maxBytes: Int) throws(ConversionError) -> SourceFile {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        } catch {
            throw ConversionError(.unreadable, file: displayName, stage: .intake, "cannot open the file: it does not exist or is not readable")
        }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            throw ConversionError(.notSupported, file: displayName, stage: .intake, "is a folder, not a file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if size > maxBytes {
            throw ConversionError(
                .tooLarge, file: displayName, stage: .intake,
                "the file is \(size >> 20) MiB, above the \(maxBytes >> 20) MiB limit (maxFileMB in pipeline.json)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConversionError(.unreadable, file: displayName, stage: .intake, "cannot read the file: \(error.localizedDescription)", transient: true)
        }
        let kind = try InputKind.detect(path: displayName, head: Array(data.prefix(4096)))
        return SourceFile(
            displayName: displayName, size: data.count, sha256: FileChecksum.sha256(data), kind: kind,
            bytes: kind == .pdf ? nil : data)
    }
}
