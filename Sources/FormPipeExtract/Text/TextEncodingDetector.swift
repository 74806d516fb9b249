#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Decides how the bytes of an OCR text file are encoded, and decodes them — strictly: a byte that
/// does not belong is reported with its offset, never turned into a replacement character.
///
/// Tried in order: a byte-order mark (UTF-8, UTF-32 LE/BE, UTF-16 LE/BE); UTF-8; GB18030 (the superset of GBK and
/// GB2312 that Chinese OCR tools on Windows write) when the bytes are not UTF-8 and decode cleanly
/// as GB18030 — unless they are *nearly* UTF-8 (almost every non-ASCII byte inside a valid UTF-8
/// sequence), which means a damaged UTF-8 file, not a GB18030 one, and is reported as such.
package enum TextEncodingDetector {
    struct Decoded: Equatable {
        var text: String
        /// For the manifest's notes: `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `UTF-16BE`, `UTF-32LE`,
        /// `UTF-32BE`, `GB18030`.
        var encoding: String
    }

    package struct Failure: Error, Equatable {
        /// Offset of the first byte that could not be decoded, from the start of the file.
        package var offset: Int
        package var byte: UInt8
        /// The encoding a byte-order mark announced; nil when there was none (UTF-8 and GB18030 were tried).
        var announced: String? = nil
        /// Where GB18030 decoding stopped, when it was tried (the text was not nearly UTF-8).
        var gb18030Offset: Int? = nil
        var gb18030Byte: UInt8 = 0
        package var message: String {
            let position = Self.position(offset, byte)
            let what = announced.map { "the text is not valid \($0) as its byte-order mark says (\(position))" }
                ?? "the text is not valid UTF-8 (\(position)) nor GB18030\(gb18030Offset.map { " (\(Self.position($0, gb18030Byte)))" } ?? "")"
            return what + ": save the OCR output as UTF-8 and drop it again"
        }

        private static func position(_ offset: Int, _ byte: UInt8) -> String {
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte \(offset) is 0x\(hex.count == 1 ? "0" + hex : hex)"
        }
    }

    static func decode(_ data: Data) -> Result<Decoded, Failure> {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(bytes, from: 3).map { Decoded(text: $0, encoding: "UTF-8 with BOM") }
                .mapError { Failure(offset: $0.offset, byte: $0.byte, announced: "UTF-8") }
        }
        // Before UTF-16: FF FE 00 00 would be a UTF-16 file starting with a NUL, which no text does.
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return utf32(bytes, littleEndian: true) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return utf32(bytes, littleEndian: false) }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes, littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes, littleEndian: false) }
        switch utf8(bytes, from: 0) {
        case .success(let text): return .success(Decoded(text: text, encoding: "UTF-8"))
        case .failure(var failure):
            guard !isNearlyUTF8(bytes) else { return .failure(failure) }
            switch gb18030(bytes) {
            case .success(let text): return .success(Decoded(text: text, encoding: "GB18030"))
            case .failure(let stop):
                if let offset = stop.offset, offset < bytes.count { (failure.gb18030Offset, failure.gb18030Byte) = (offset, bytes[offset]) }
                return .failure(failure)
            }
        }
    }

    /// Strict UTF-8 from `start`; the failure names the first byte of the first bad sequence.
    private static func utf8(_ bytes: [UInt8], from start: Int) -> Result<String, Failure> {
        let body = bytes[start...]
        if let text = String(validating: body, as: UTF8.self) { return .success(text) }
        var decoder = UTF8()
        var iterator = body.makeIterator()
        var offset = start
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return .failure(Failure(offset: offset, byte: 0))
            case .error:
                return .failure(Failure(offset: offset, byte: bytes[offset]))
            }
        }
    }

    private static func utf16(_ bytes: [UInt8], littleEndian: Bool) -> Result<Decoded, Failure> {
        let name = littleEndian ? "UTF-16LE" : "UTF-16BE"
        guard bytes.count % 2 == 0 else { return .failure(Failure(offset: bytes.count - 1, byte: bytes[bytes.count - 1], announced: name)) }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        for index in stride(from: 2, to: bytes.count, by: 2) {
            let (low, high) = littleEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
        }
        var decoder = UTF16()
        var iterator = units.makeIterator()
        var text = String.UnicodeScalarView()
        var unit = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                text.append(scalar)
                unit += UTF16.width(scalar)
            case .emptyInput:
                return .success(Decoded(text: String(text), encoding: name))
            case .error:
                let offset = 2 + unit * 2
                return .failure(Failure(offset: offset, byte: bytes[offset], announced: name))
            }
        }
    }

    private static func utf32(_ bytes: [UInt8], littleEndian: Bool) -> Result<Decoded, Failure> {
        let name = littleEndian ? "UTF-32LE" : "UTF-32BE"
        var text = String.UnicodeScalarView()
        for offset in stride(from: 4, to: bytes.count, by: 4) {
            guard offset + 4 <= bytes.count else { return .failure(Failure(offset: offset, byte: bytes[offset], announced: name)) }
            let unit = bytes[offset..<offset + 4]
            let value = (littleEndian ? unit.reversed() : Array(unit)).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard let scalar = Unicode.Scalar(value) else { return .failure(Failure(offset: offset, byte: bytes[offset], announced: name)) }
            text.append(scalar)
        }
        return .success(Decoded(text: String(text), encoding: name))
    }

    /// Whether at least 90 % of the non-ASCII bytes sit in valid UTF-8 sequences (and there are
    /// some): then a few bad bytes damaged a UTF-8 file.
    private static func isNearlyUTF8(_ bytes: [UInt8]) -> Bool {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var good = 0
        var bad = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar.value >= 0x80 { good += UTF8.width(scalar) }
            case .error: bad += 1
            case .emptyInput: return good > 0 && good * 10 >= (good + bad) * 9
            }
        }
    }

    /// Where GB18030 decoding stopped; no offset when iconv itself was unavailable.
    private struct GB18030Stop: Error { var offset: Int? }

    /// GB18030 through glibc's iconv; fails unless every byte decodes.
    private static func gb18030(_ bytes: [UInt8]) -> Result<String, GB18030Stop> {
        let converter = iconv_open("UTF-8", "GB18030")
        guard let converter, converter != iconv_t(bitPattern: -1) else { return .failure(GB18030Stop(offset: nil)) }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        // The output holds at most 1.5 bytes per input byte (2-byte GB18030 → 3-byte UTF-8).
        let converted: Result<Int, GB18030Stop> = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                var outLeft = outBuffer.count
                // On a bad or cut sequence iconv stops in front of it: what is left says where.
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else {
                    return .failure(GB18030Stop(offset: inBuffer.count - inLeft))
                }
                return .success(outBuffer.count - outLeft)
            }
        }
        return converted.flatMap { count in
            String(validating: output[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self).map { .success($0) } ?? .failure(GB18030Stop(offset: nil))
        }
    }
}
