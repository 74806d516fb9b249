import CPoppler
import SystemPackage

extension FileChecksum {
    /// SHA-256 of a file read in 1 MiB chunks, so the daemon can fingerprint a large input without
    /// holding it in memory. The file is opened without following a symbolic link; `isCancelled` is
    /// checked between chunks so a shutdown need not wait for a large file.
    public static func sha256(ofFileAt path: FilePath, isCancelled: () -> Bool = { false }) throws -> String {
        let descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec, .noFollow])
        defer { try? descriptor.close() }
        let checksum = g_checksum_new(G_CHECKSUM_SHA256)
        defer { g_checksum_free(checksum) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            if isCancelled() { throw CancellationError() }
            let count = try descriptor.read(into: buffer)
            if count == 0 { break }
            g_checksum_update(checksum, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count)
        }
        return String(cString: g_checksum_get_string(checksum))
    }
}
