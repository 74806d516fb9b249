/// Reads JSON text back into a `JSONValue`, keeping what Foundation's parser would lose: object
/// keys in their written order, and numbers as their literal digits ("587.049060" stays
/// "587.049060", not 587.04906).
///
/// Review reads `form-NN.json`, `repairs.jsonl` and `review.json` with it, so a record written,
/// read and written again comes out byte for byte the same; the config loader reads
/// `pipeline.json` with it, refusing what RFC 8259 leaves to the reader (``Checks``). Its messages
/// are written for a person editing a file by hand, located by line and column.
public struct JSONValueParser {
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        /// Byte offset of the problem in the UTF-8 text.
        public var offset: Int
        /// 1-based, as editors count.
        public var line: Int
        /// 1-based, in characters: an editor shows 项目 as two columns' worth of text, not six bytes.
        public var column: Int
        public var reason: String
        public var description: String { "line \(line), column \(column): \(reason)" }
    }

    /// What a parse refuses beyond the grammar. Our own files never have these problems; a file
    /// written by hand (`pipeline.json`) may, and there they change its meaning silently.
    public struct Checks: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Two members of one object with the same key once escapes are resolved (`"a"` and
        /// `"\u0061"`): RFC 8259 leaves their meaning open, and most readers keep the last one,
        /// so `{"workers": 2, "workers": 8}` would mean 8.
        public static let duplicateKeys = Checks(rawValue: 1 << 0)
        /// Bytes that are not UTF-8 (RFC 8259 §8.1). Unchecked, they decode as U+FFFD.
        public static let utf8 = Checks(rawValue: 1 << 1)
    }

    /// Nesting deeper than this is refused: our files nest four levels, so a deeper one is
    /// damaged or hostile, and refusing it keeps recursion bounded.
    package static let maximumDepth = 64

    private let bytes: [UInt8]
    private let checks: Checks
    private var position = 0

    private init(_ bytes: [UInt8], checks: Checks) {
        self.bytes = bytes
        self.checks = checks
    }

    /// Parses one JSON value that fills all of `text` (whitespace around it allowed).
    public static func parse(_ text: String, refusing checks: Checks = []) throws(SyntaxError) -> JSONValue {
        try parse(utf8: Array(text.utf8), refusing: checks)
    }

    /// The same, from UTF-8 bytes: a line of `repairs.jsonl` needs no detour through `String`.
    public static func parse(utf8 bytes: [UInt8], refusing checks: Checks = []) throws(SyntaxError) -> JSONValue {
        var parser = JSONValueParser(bytes, checks: checks)
        // RFC 8259 §8.1 lets a parser ignore a byte order mark; editors on Windows still add one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3 }
        if checks.contains(.utf8), let bad = firstByteNotUTF8(in: bytes) {
            parser.position = bad
            throw parser.error("byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) is not UTF-8: save the file as UTF-8")
        }
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.position == parser.bytes.count else { throw parser.error("unexpected text after the end of the JSON value") }
        return value
    }

    /// Where `offset` is in `bytes`: 1-based line, and 1-based column counted in characters.
    package static func location(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let offset = min(max(offset, 0), bytes.count)
        let before = bytes[..<offset]
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        return (line, String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1)
    }

    /// The offset of the first byte of the first sequence that is not UTF-8.
    private static func firstByteNotUTF8(in bytes: [UInt8]) -> Int? {
        guard String(validating: bytes, as: UTF8.self) == nil else { return nil }
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        // Only whole scalars advance `offset`, so on an error it is where the bad sequence starts.
        while case .scalarValue(let scalar) = decoder.decode(&iterator) { offset += UTF8.width(scalar) }
        return min(offset, bytes.count - 1)
    }

    private mutating func value(depth: Int) throws(SyntaxError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nested more than \(Self.maximumDepth) levels deep") }
        skipWhitespace()
        guard let byte = peek() else { throw error("the file ends where a value was expected") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try keyword("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try keyword("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try keyword("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("expected a value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func object(depth: Int) throws(SyntaxError) -> JSONValue {
        position += 1
        var members: [(String, JSONValue)] = []
        // Only filled when duplicates are refused: the records' parse pays nothing for the check.
        var keys: Set<String> = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                throw error(members.isEmpty ? "expected a key in double quotes" : "trailing comma before '}' or a key not in double quotes")
            }
            let keyStart = position
            let key = try string()
            if checks.contains(.duplicateKeys), !keys.insert(key).inserted {
                position = keyStart
                throw error("duplicate key '\(key.withVisibleControlCharacters)'")
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw error("expected ':' after the key '\(key.withVisibleControlCharacters)'") }
            position += 1
            members.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(members)
            default: throw error("expected ',' or '}' after the value of '\(key.withVisibleControlCharacters)'")
            }
        }
    }

    private mutating func array(depth: Int) throws(SyntaxError) -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if !elements.isEmpty, peek() == UInt8(ascii: "]") { throw error("trailing comma before ']'") }
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(elements)
            default: throw error("expected ',' or ']' in the array")
            }
        }
    }

    /// The literal as written, after checking it has JSON's number grammar.
    private mutating func number() throws(SyntaxError) -> String {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), isDigit(first) else { throw error("expected a digit") }
        position += 1
        if first == UInt8(ascii: "0") {
            // "02" would otherwise end the number at "0" and fail later as a missing comma.
            if let next = peek(), isDigit(next) { throw error("a number must not start with 0") }
        } else {
            skipDigits()
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard let next = peek(), isDigit(next) else { throw error("expected a digit after the decimal point") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard let next = peek(), isDigit(next) else { throw error("expected a digit in the exponent") }
            skipDigits()
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func string() throws(SyntaxError) -> String {
        let opening = position
        position += 1
        // Most strings have no escape: decode their bytes in one go.
        let start = position
        while let byte = peek(), byte != UInt8(ascii: "\\"), byte >= 0x20 {
            if byte == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: bytes[start..<position - 1], as: UTF8.self)
            }
            position += 1
        }
        // With escapes, the text is gathered as UTF-8 (runs copied, escapes encoded) and decoded
        // once: appending to a scalar view cost more than the rest of the parse. An escape starts
        // with an ASCII byte, so a damaged sequence before it decodes as it would alone.
        position = start
        var utf8: [UInt8] = []
        var runStart = position
        while true {
            guard let byte = peek() else {
                position = opening
                throw error("the string is never closed")
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                utf8.append(contentsOf: bytes[runStart..<position])
                position += 1
                if byte == UInt8(ascii: "\"") { return String(decoding: utf8, as: UTF8.self) }
                utf8.append(contentsOf: UTF8.encode(try escape())!)
                runStart = position
            } else if byte < 0x20 {
                throw error("a control character (a raw line break or tab) inside a string; write it as \\n or \\t")
            } else {
                position += 1
            }
        }
    }

    private mutating func escape() throws(SyntaxError) -> Unicode.Scalar {
        guard let byte = peek() else { throw error("the file ends inside an escape") }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "u"):
            position += 1
        default: throw error("unknown escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
        switch byte {
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hexUnit()
            guard (0xD800...0xDBFF).contains(unit) else {
                guard let scalar = Unicode.Scalar(unit) else { throw error("\\u escape of a low surrogate without its high one") }
                return scalar
            }
            guard peek() == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u")
            else { throw error("\\u escape of a high surrogate without its low one") }
            position += 2
            let low = try hexUnit()
            guard (0xDC00...0xDFFF).contains(low) else { throw error("\\u escape of a high surrogate without its low one") }
            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
        default: return Unicode.Scalar(byte)
        }
    }

    private mutating func hexUnit() throws(SyntaxError) -> UInt32 {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            // By hand: `UInt32(_:radix:)` would take "+fff" as a number.
            guard let byte = peek(), let digit = Self.hexDigit(byte) else {
                throw error("\\u must be followed by four hexadecimal digits")
            }
            unit = unit << 4 | digit
            position += 1
        }
        return unit
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private mutating func keyword(_ word: StaticString) throws(SyntaxError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard position + expected.count <= bytes.count,
            bytes[position..<position + expected.count].elementsEqual(expected)
        else { throw error("expected \(word) (JSON literals are lower case)") }
        position += expected.count
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func skipDigits() {
        while let byte = peek(), isDigit(byte) { position += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    /// The problem at the current position. Locating it costs a pass over the text, paid only here.
    private func error(_ reason: String) -> SyntaxError {
        let (line, column) = Self.location(of: position, in: bytes)
        return SyntaxError(offset: position, line: line, column: column, reason: reason)
    }
}
