#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Decides how the bytes of an OCR text file are encoded, and decodes them — strictly: a byte that
/// does not belong is reported with its offset, never turned into a replacement character.
///
/// Tried in order: a byte-order mark (UTF-8, UTF-16 LE/BE); UTF-8; GB18030 (the superset of GBK and
/// GB2312 that Chinese OCR tools on Windows write) when the bytes are not UTF-8 and decode cleanly
/// as GB18030 — unless they are *nearly* UTF-8 (almost every non-ASCII byte inside a valid UTF-8
/// sequence), which means a damaged UTF-8 file, not a GB18030 one, and is reported as such.
enum TextEncodingDetector {
    struct Decoded: Equatable {
        var text: String
        /// For the manifest's notes: `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `UTF-16BE`, `GB18030`.
        var encoding: String
    }

    struct Failure: Error, Equatable {
        /// Offset of the first byte that could not be decoded, from the start of the file.
        var offset: Int
        var byte: UInt8
        var message: String {
            "the text is not valid UTF-8 (byte \(offset) is 0x\(String(byte, radix: 16, uppercase: true))) nor GB18030: save the OCR output as UTF-8 and drop it again"
        }
    }

    static func decode(_ data: Data) -> Result<Decoded, Failure> {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(bytes, from: 3).map { Decoded(text: $0, encoding: "UTF-8 with BOM") }
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes, littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes, littleEndian: false) }
        switch utf8(bytes, from: 0) {
        case .success(let text): return .success(Decoded(text: text, encoding: "UTF-8"))
        case .failure(let failure):
            if !isNearlyUTF8(bytes), let text = gb18030(bytes) { return .success(Decoded(text: text, encoding: "GB18030")) }
            return .failure(failure)
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
        guard bytes.count % 2 == 0 else { return .failure(Failure(offset: bytes.count - 1, byte: bytes[bytes.count - 1])) }
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
                return .failure(Failure(offset: offset, byte: bytes[offset]))
            }
        }
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

    /// GB18030 through glibc's iconv; nil unless every byte decodes.
    private static func gb18030(_ bytes: [UInt8]) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        let converted: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                var outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let converted else { return nil }
        return String(validating: output[..<converted].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
