#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SystemPackage
import FormPipeCore

/// The content already converted, by SHA-256: `work/processed.jsonl`, one JSON line per success.
///
/// Append-only, written with `O_APPEND` in a single `write` per line, so daemons sharing `work/`
/// never interleave a line and a crash can at worst leave one incomplete last line, which is ignored.
/// Before each lookup the lines other daemons appended since the last read are picked up.
public final class ProcessedIndex: Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public var sha256: String
        /// The input's name when it was converted.
        public var file: String
        /// The published output folder's name in the outbox.
        public var output: String
        public var convertedAt: Date
    }

    private struct State {
        var bySHA: [String: Entry] = [:]
        var readOffset: Int64 = 0
        var partialLine: [UInt8] = []
    }

    public let path: FilePath
    private let descriptor: FileDescriptor
    private let state = Locked(State())

    public static let fileName = "processed.jsonl"

    public init(work: FilePath) throws {
        path = work.appending(Self.fileName)
        descriptor = try FileDescriptor.open(path, .readWrite, options: [.create, .append, .closeOnExec], permissions: [.ownerReadWrite, .groupRead, .otherRead])
        terminatePartialLine()
        state.withLock { refresh(&$0) }
    }

    /// A daemon killed in the middle of a write can leave a last line without its newline; end it so
    /// the next appended line is not glued onto it (the broken line itself is skipped when read).
    private func terminatePartialLine() {
        guard let size = try? descriptor.seek(offset: 0, from: .end), size > 0 else { return }
        var last: UInt8 = 0
        let got = withUnsafeMutableBytes(of: &last) { (try? descriptor.read(fromAbsoluteOffset: size - 1, into: $0)) ?? 0 }
        if got == 1, last != 0x0A {
            _ = try? [UInt8(0x0A)].withUnsafeBytes { try descriptor.write($0) }
        }
    }

    deinit {
        try? descriptor.close()
    }

    public var count: Int { state.withLock { refresh(&$0); return $0.bySHA.count } }

    /// The earlier conversion of this content, if any.
    public func lookUp(sha256: String) -> Entry? {
        state.withLock { state in
            refresh(&state)
            return state.bySHA[sha256]
        }
    }

    /// Records a successful conversion. Throws when the line could not be written (disk full).
    public func record(_ entry: Entry) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(entry)
        line.append(0x0A)
        try state.withLock { state in
            let written = try line.withUnsafeBytes { try descriptor.write($0) }
            guard written == line.count else { throw Errno.noSpace }
            state.bySHA[entry.sha256] = entry
        }
    }

    /// Reads lines appended since the last read (by this or another daemon).
    private func refresh(_ state: inout State) {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { (try? descriptor.read(fromAbsoluteOffset: state.readOffset, into: $0)) ?? 0 }
            if count == 0 { break }
            state.readOffset += Int64(count)
            state.partialLine.append(contentsOf: buffer[..<count])
            while let newline = state.partialLine.firstIndex(of: 0x0A) {
                let line = Data(state.partialLine[..<newline])
                state.partialLine.removeSubrange(...newline)
                if let entry = try? decoder.decode(Entry.self, from: line) {
                    state.bySHA[entry.sha256] = entry
                }
            }
        }
    }
}
