import CPoppler
import Foundation

/// SHA-256 of a file's bytes, through GLib's GChecksum (already linked for Poppler).
public enum FileChecksum {
    public static func sha256(_ data: Data) -> String {
        data.withUnsafeBytes { buffer -> String in
            guard let base = buffer.baseAddress else {
                return "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
            }
            let checksum = g_checksum_new(G_CHECKSUM_SHA256)
            defer { g_checksum_free(checksum) }
            g_checksum_update(checksum, base.assumingMemoryBound(to: UInt8.self), buffer.count)
            return String(cString: g_checksum_get_string(checksum))
        }
    }
}
