import CCrypto
import Foundation

/// SHA-256 of a file's bytes, through OpenSSL's libcrypto (`EVP_Digest*`), which uses the CPU's
/// SHA instructions when it has them.
public enum FileChecksum {
    public static func sha256(_ data: Data) -> String {
        let digest = SHA256Digest()
        data.withUnsafeBytes { digest.update($0) }
        return digest.finish()
    }
}

/// An incremental SHA-256; owns its `EVP_MD_CTX` and frees it in `deinit`.
package final class SHA256Digest {
    private let context: OpaquePointer

    package init() {
        // Allocation fails only when memory is exhausted, where nothing else would work either.
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("formpipe: OpenSSL cannot start a SHA-256 digest")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    package func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// The digest as 64 lowercase hex digits.
    package func finish() -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        let hex = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(Int(length) * 2)
        for byte in digest.prefix(Int(length)) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
