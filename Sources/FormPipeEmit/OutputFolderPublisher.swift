import CSystemSupport
import Foundation

/// Builds a document's output folder out of sight and swaps it into place in one rename, so a
/// reader of the outbox sees the old folder or the new one, never a half-written one.
///
/// Staging happens in `OUTBOX/.formpipe-staging/` — inside the outbox so the final rename stays
/// on one filesystem, hidden so that tools listing the outbox skip it.
public struct OutputFolderPublisher: Sendable {
    public let outputRoot: URL

    public init(outputRoot: URL) {
        self.outputRoot = outputRoot
    }

    public static let stagingFolderName = ".formpipe-staging"

    /// Writes `files` (relative path → bytes) into a new folder and publishes it as `name`,
    /// replacing an existing folder of that name atomically. Returns the published folder.
    @discardableResult
    public func publish(name: String, files: [(String, Data)]) throws -> URL {
        let fileManager = FileManager.default
        let staging = outputRoot.appendingPathComponent(Self.stagingFolderName, isDirectory: true)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        let temporary = staging.appendingPathComponent("\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max))")
        try fileManager.createDirectory(at: temporary, withIntermediateDirectories: false)
        do {
            for (path, data) in files {
                let target = temporary.appendingPathComponent(path)
                if path.contains("/") {  // debug/page-01.txt
                    try fileManager.createDirectory(
                        at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                }
                try Self.writeDurably(data, to: target)
            }
            Self.syncDirectory(temporary)
            let destination = outputRoot.appendingPathComponent(name, isDirectory: true)
            if formpipe_rename_noreplace(temporary.path, destination.path) != 0 {
                guard errno == EEXIST || errno == ENOTEMPTY else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                guard formpipe_rename_exchange(temporary.path, destination.path) == 0 else {
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
            }
            Self.syncDirectory(outputRoot)
            // After an exchange the staging name holds the previous folder; after a plain rename it is gone.
            try? fileManager.removeItem(at: temporary)
            return destination
        } catch {
            try? fileManager.removeItem(at: temporary)
            throw error
        }
    }

    /// Writes and fsyncs a file, so a crash after the rename cannot publish an empty file.
    package static func writeDurably(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    package static func syncDirectory(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}

/// Output folder names derived from input file names: the name without its extension, with
/// path separators and control characters replaced. Spaces, CJK and leading dashes stay.
public enum OutputName {
    public static func forInput(_ fileName: String) -> String {
        sanitize((fileName as NSString).deletingPathExtension)
    }

    private static func sanitize(_ name: String) -> String {
        var cleaned = String(
            name.unicodeScalars.map { scalar -> Character in
                scalar == "/" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F ? "_" : Character(scalar)
            })
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        if cleaned.utf8.count > 200 { cleaned = String(cleaned.prefix(60)) }
        return cleaned.isEmpty ? "document" : cleaned
    }

    /// The output folder names an input called `sourceName` may get, in the order they are tried:
    /// `NAME`, then `NAME.ext`, then `NAME.ext.2`, `NAME.ext.3`, … (``OutputFolderReservations``
    /// takes the first one no other input holds). `index.html` is the outbox's own page, never a folder.
    public static func candidates(for sourceName: String) -> some Sequence<String> {
        let plain = forInput(sourceName)
        let full = sanitize(sourceName)
        let first = plain == full ? [plain] : [plain, full]
        let all = sequence(state: 0) { (index: inout Int) -> String? in
            index += 1
            if index <= first.count { return first[index - 1] }
            let number = index - first.count + 1
            return number <= 10_000 ? "\(full).\(number)" : nil
        }
        return all.lazy.filter { $0.lowercased() != "index.html" }
    }
}
