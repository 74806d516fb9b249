/// Checks that a configuration file is JSON exactly as RFC 8259 writes it, before Foundation reads
/// it: `JSONSerialization` (and so `JSONDecoder`) accepts a trailing comma and keeps the last of two
/// equal keys, so `{"workers": 2, "workers": 8,}` would silently mean 8. Each problem is reported
/// with its line and column (1-based, columns counted in characters).
struct StrictJSONChecker {
    struct Problem: Error, Equatable, CustomStringConvertible {
        var line: Int
        var column: Int
        var message: String
        var description: String { "line \(line), column \(column): \(message)" }
    }

    /// Deeper nesting than any configuration needs is refused rather than recursed into.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var position = 0

    static func check(_ data: some Collection<UInt8>) throws(Problem) {
        var checker = StrictJSONChecker(bytes: Array(data))
        if checker.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { checker.position = 3 }
        // RFC 8259 §8.1: JSON text is UTF-8. Foundation would report a bad byte as a type mismatch.
        if let bad = checker.firstByteNotUTF8() {
            throw checker.problem("byte 0x\(String(checker.bytes[bad], radix: 16, uppercase: true)) is not UTF-8: save the file as UTF-8", at: bad)
        }
        checker.skipWhitespace()
        try checker.value(depth: 0)
        checker.skipWhitespace()
        guard checker.position == checker.bytes.count else { throw checker.problem("unexpected text after the end of the JSON value") }
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// The offset of the first byte of the first invalid UTF-8 sequence from `position` on.
    private func firstByteNotUTF8() -> Int? {
        guard String(validating: bytes[position...], as: UTF8.self) == nil else { return nil }
        var decoder = UTF8()
        var iterator = bytes[position...].makeIterator()
        var offset = position
        while case .scalarValue(let scalar) = decoder.decode(&iterator) { offset += UTF8.width(scalar) }
        return min(offset, bytes.count - 1)
    }

    private mutating func value(depth: Int) throws(Problem) {
        guard depth < Self.maximumDepth else { throw problem("nested more than \(Self.maximumDepth) levels deep") }
        switch current {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case nil: throw problem("the file ends where a value was expected")
        case let byte? where byte == UInt8(ascii: "-") || isDigit(byte): try number()
        default: throw problem("expected a value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func object(depth: Int) throws(Problem) {
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return
        }
        var keys: Set<String> = []
        while true {
            guard current == UInt8(ascii: "\"") else {
                throw problem(keys.isEmpty ? "expected a key in double quotes" : "trailing comma before '}' or a key not in double quotes")
            }
            let keyStart = position
            let key = try string()
            guard keys.insert(key).inserted else { throw problem("duplicate key '\(key.withVisibleControlCharacters)'", at: keyStart) }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw problem("expected ':' after the key '\(key.withVisibleControlCharacters)'") }
            position += 1
            skipWhitespace()
            try value(depth: depth + 1)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                position += 1
                return
            default: throw problem("expected ',' or '}' after the value of '\(key.withVisibleControlCharacters)'")
            }
        }
    }

    private mutating func array(depth: Int) throws(Problem) {
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            if current == UInt8(ascii: "]") { throw problem("trailing comma before ']'") }
            try value(depth: depth + 1)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                position += 1
                return
            default: throw problem("expected ',' or ']' in the array")
            }
        }
    }

    /// A string's decoded text (escapes resolved, so `"a"` and `"\u0061"` are the same key).
    private mutating func string() throws(Problem) -> String {
        let start = position
        position += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                return String(scalars)
            case UInt8(ascii: "\\"):
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll()
                scalars.append(try escape())
            case 0x00...0x1F:
                throw problem("a control character (a raw line break or tab) inside a string; write it as \\n or \\t")
            default:
                raw.append(byte)
                position += 1
            }
        }
        throw problem("the string is never closed", at: start)
    }

    private mutating func escape() throws(Problem) -> Unicode.Scalar {
        position += 1
        guard let letter = current else { throw problem("the file ends inside an escape") }
        position += 1
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hexUnit()
            if (0xD800...0xDBFF).contains(unit), current == UInt8(ascii: "\\"), position + 1 < bytes.count,
                bytes[position + 1] == UInt8(ascii: "u")
            {
                position += 2
                let low = try hexUnit()
                if (0xDC00...0xDFFF).contains(low),
                    let scalar = Unicode.Scalar(0x10000 + (UInt32(unit) - 0xD800) << 10 + (UInt32(low) - 0xDC00))
                {
                    return scalar
                }
            }
            return Unicode.Scalar(UInt32(unit)) ?? "\u{FFFD}"
        default:
            position -= 1
            throw problem("unknown escape '\\\(Character(Unicode.Scalar(letter)))'")
        }
    }

    private mutating func hexUnit() throws(Problem) -> UInt16 {
        guard position + 4 <= bytes.count,
            let unit = UInt16(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16)
        else { throw problem("\\u must be followed by four hexadecimal digits") }
        position += 4
        return unit
    }

    private mutating func number() throws(Problem) {
        if current == UInt8(ascii: "-") { position += 1 }
        if current == UInt8(ascii: "0") {
            position += 1
            if let next = current, isDigit(next) { throw problem("a number must not start with 0") }
        } else {
            guard try digits() > 0 else { throw problem("expected a digit") }
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard try digits() > 0 else { throw problem("expected a digit after the decimal point") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard try digits() > 0 else { throw problem("expected a digit in the exponent") }
        }
    }

    private mutating func digits() throws(Problem) -> Int {
        var count = 0
        while let byte = current, isDigit(byte) {
            position += 1
            count += 1
        }
        return count
    }

    private func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private mutating func literal(_ word: String) throws(Problem) {
        guard bytes[position...].starts(with: word.utf8) else { throw problem("expected \(word) (JSON literals are lower case)") }
        position += word.utf8.count
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    /// A problem at `offset` (default: here), located by line and column.
    private func problem(_ message: String, at offset: Int? = nil) -> Problem {
        let offset = min(offset ?? position, bytes.count)
        let before = bytes[..<offset]
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return Problem(line: line, column: column, message: message)
    }
}
