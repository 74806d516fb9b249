import Foundation
import FormPipeCore

/// An input file read once: its bytes' checksum, size and kind, and the bytes themselves for the
/// kinds read from memory (OCR text and HTML; Poppler opens a PDF by its path, so a PDF's bytes
/// are not kept).
package struct SourceFile {
    package var displayName: String
    package var size: Int
    package var sha256: String
    package var kind: InputKind
    package var bytes: Data?

    package static func read(_ url: URL, displayName: String, maxBytes: Int) throws(ConversionError) -> SourceFile {
        // stat, not lstat: a link the user named on the command line is followed (the daemon refuses
        // links before they get here). Its mode decides before any open: opening a FIFO would block.
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            let cause = errno
            throw ConversionError(.unreadable, file: displayName, stage: .intake,
                                  cause == ENOENT ? "does not exist" : "cannot open the file: \(String(cString: strerror(cause)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ConversionError(.notSupported, file: displayName, stage: .intake, "is a folder, not a file")
        default:
            throw ConversionError(.notRegularFile, file: displayName, stage: .intake,
                                  "is not a regular file (a FIFO, socket or device); only files can be converted")
        }
        guard access(url.path, R_OK) == 0 else {
            throw ConversionError(.unreadable, file: displayName, stage: .intake,
                                  "cannot be read: \(String(cString: strerror(errno))) (check its permissions)")
        }
        let size = Int(info.st_size)
        if size > maxBytes {
            throw .tooLarge(file: displayName, bytes: size, limitMB: Double(maxBytes) / 1_048_576)
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
