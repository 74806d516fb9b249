import SystemPackage

extension FileChecksum {
    /// SHA-256 of a file read in 1 MiB chunks, so the daemon can fingerprint a large input without
    /// holding it in memory. The file is opened without following a symbolic link; `isCancelled` is
    /// checked between chunks so a shutdown need not wait for a large file.
    public static func sha256(ofFileAt path: FilePath, isCancelled: () -> Bool = { false }) throws -> String {
        let descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec, .noFollow])
        defer { try? descriptor.close() }
        let digest = SHA256Digest()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            if isCancelled() { throw CancellationError() }
            let count = try descriptor.read(into: buffer)
            if count == 0 { break }
            digest.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
        return digest.finish()
    }
}
