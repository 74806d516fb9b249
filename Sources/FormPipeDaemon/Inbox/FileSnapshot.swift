#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage
import FormPipeCore

/// What the readiness check compares between two looks at an inbox file: kind, size, modification
/// time and identity, and for PDFs whether the `%%EOF` trailer is there yet.
public struct FileSnapshot: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case regular, symbolicLink, directory, other
    }

    /// Whether a file with a `%PDF-` header already ends like a complete PDF. A writer that copies
    /// in chunks with pauses longer than the settle time would otherwise be taken half-written.
    public enum PDFCompleteness: Sendable, Equatable {
        case notPDF, complete, missingTrailer
    }

    public var kind: Kind
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modified: Int64
    public var device: UInt64
    public var inode: UInt64
    public var pdf: PDFCompleteness

    public init(kind: Kind, size: Int64, modified: Int64, device: UInt64 = 0, inode: UInt64 = 0, pdf: PDFCompleteness = .notPDF) {
        self.kind = kind
        self.size = size
        self.modified = modified
        self.device = device
        self.inode = inode
        self.pdf = pdf
    }

    /// Looks at `path` without following a symbolic link; nil when nothing is there any more.
    static func take(_ path: FilePath) -> FileSnapshot? {
        guard let info = SystemCalls.linkStatus(path) else { return nil }
        let kind: Kind = switch info.st_mode & S_IFMT {
        case S_IFREG: .regular
        case S_IFLNK: .symbolicLink
        case S_IFDIR: .directory
        default: .other
        }
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let pdf = kind == .regular && info.st_size > 0 ? pdfCompleteness(path, size: Int64(info.st_size)) : .notPDF
        return FileSnapshot(kind: kind, size: Int64(info.st_size), modified: modified,
                            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), pdf: pdf)
    }

    /// `%PDF-` within the first KiB marks a PDF (as the converter's intake decides); its `%%EOF` must
    /// then be in the last 2 KiB (the spec says 1 KiB; some producers append a little junk).
    static func pdfCompleteness(_ path: FilePath, size: Int64) -> PDFCompleteness {
        guard let descriptor = try? FileDescriptor.open(path, .readOnly, options: [.closeOnExec, .noFollow, .nonBlocking]) else {
            return .notPDF
        }
        defer { try? descriptor.close() }
        let head = read(descriptor, at: 0, count: InputKind.pdfHeaderWindow + 4)
        guard InputKind.hasPDFHeader(head) else { return .notPDF }
        let tailStart = max(0, size - 2048)
        let tail = read(descriptor, at: tailStart, count: Int(size - tailStart))
        return tail.firstRange(of: Array("%%EOF".utf8)) != nil ? .complete : .missingTrailer
    }

    private static func read(_ descriptor: FileDescriptor, at offset: Int64, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { (try? descriptor.read(fromAbsoluteOffset: offset, into: $0)) ?? 0 }
        return Array(bytes.prefix(got))
    }
}
