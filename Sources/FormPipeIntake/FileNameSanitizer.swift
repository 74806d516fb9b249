import Foundation
import SystemPackage

/// Turns an inbox file name into the name used in `work/`, `archive/`, `failed/` and (through the
/// converter) `outbox/`.
///
/// Names are kept as the user wrote them wherever that is safe — spaces, CJK, punctuation and a
/// leading dash all survive (the daemon never passes names to a shell or as command options, so a
/// leading dash is harmless). What changes: control characters, path separators and undecodable
/// bytes become `_`; leading dots and surrounding whitespace are dropped so no output is hidden or
/// looks blank; the name is NFC-normalised and cut to ``maximumBytes`` UTF-8 bytes, keeping the
/// extension, so the `NNNNNN-` claim prefix and collision suffixes still fit in 255 bytes.
public enum FileNameSanitizer {
    public static let maximumBytes = 200

    public static func sanitize(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.precomposedStringWithCanonicalMapping.unicodeScalars {
            scalars.append(isUnsafe(scalar) ? "_" : scalar)
        }
        var cleaned = String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        cleaned = cleaned.trimmingCharacters(in: .whitespaces)
        let (stem, ext) = split(cleaned)
        let safeStem = stem.isEmpty ? "unnamed" : stem
        return truncate(stem: safeStem, ext: ext)
    }

    /// Control characters, path separators, the replacement character (the name had bytes that are
    /// not UTF-8) and bidirectional overrides, which can make `evil‮fdp.exe` display as `evilexe.pdf`.
    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "/" || scalar == "\\" || scalar == "\u{FFFD}"
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// `report.final.pdf` → ("report.final", ".pdf"); a name without a dot has no extension. Long
    /// "extensions" (over 16 bytes) are treated as part of the stem.
    static func split(_ name: String) -> (stem: String, ext: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        let ext = String(name[dot...])
        guard ext.utf8.count <= 16, ext.count > 1 else { return (name, "") }
        return (String(name[..<dot]), ext)
    }

    private static func truncate(stem: String, ext: String) -> String {
        guard stem.utf8.count + ext.utf8.count > maximumBytes else { return stem + ext }
        var kept = ""
        for character in stem {
            if kept.utf8.count + character.utf8.count + ext.utf8.count > maximumBytes { break }
            kept.append(character)
        }
        return kept + ext
    }

    /// The name a collision gets: `report.pdf` → `report-2.pdf`, `report-3.pdf`, …
    public static func variant(of name: String, number: Int) -> String {
        guard number > 1 else { return name }
        let (stem, ext) = split(name)
        return "\(stem)-\(number)\(ext)"
    }

    /// The name exactly as the file system holds it, for the manifest: valid UTF-8 as it is
    /// (control characters included; JSON escapes them), any other byte as `\xNN`.
    public static func exactName(_ component: FilePath.Component) -> String {
        let bytes = component.withPlatformString { pointer in
            Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
        }
        return exactName(bytes: bytes)
    }

    public static func exactName(bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var result = ""
        var index = 0
        while index < bytes.count {
            // The longest valid UTF-8 sequence starting here (1 to 4 bytes), else one escaped byte.
            let sequence = (1...4).reversed().lazy.compactMap { length -> (String, Int)? in
                guard index + length <= bytes.count,
                    let text = String(validating: bytes[index..<(index + length)], as: UTF8.self)
                else { return nil }
                return (text, length)
            }.first
            if let (text, length) = sequence {
                result += text
                index += length
            } else {
                result += "\\x" + String(bytes[index], radix: 16, uppercase: true).leftPadded(to: 2)
                index += 1
            }
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
