/// A JSON value that keeps its keys in insertion order and its numbers as printed literals,
/// so records come out in the contract's key order with "587.049060" intact.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.compact() == rhs.compact()
    }

    public static func number(_ value: PrintedNumber?) -> JSONValue {
        value.map { .number($0.literal) } ?? .null
    }

    public static func number(_ value: Int) -> JSONValue { .number(String(value)) }

    public static func number(_ value: Double) -> JSONValue {
        value.isFinite ? .number(value.plainText) : .null
    }

    public static func string(_ value: String?) -> JSONValue {
        value.map { .string($0) } ?? .null
    }

    /// One line, no spaces: for JSON Lines.
    public func compact() -> String {
        var output = JSONBytes()
        write(to: &output, indent: nil, level: 0)
        return output.string
    }

    /// Indented with two spaces, as the gold records are.
    public func pretty() -> String {
        var output = JSONBytes()
        write(to: &output, indent: "  ", level: 0)
        output.append("\n")
        return output.string
    }

    private func write(to output: inout JSONBytes, indent: String?, level: Int) {
        switch self {
        case .null: output.append("null")
        case .bool(let value): output.append(value ? "true" : "false")
        case .number(let literal): output.append(literal)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let values):
            writeContainer(open: "[", close: "]", count: values.count, to: &output, indent: indent, level: level) { index, output in
                values[index].write(to: &output, indent: indent, level: level + 1)
            }
        case .object(let members):
            writeContainer(open: "{", close: "}", count: members.count, to: &output, indent: indent, level: level) { index, output in
                Self.writeString(members[index].0, to: &output)
                output.append(indent == nil ? ":" : ": ")
                members[index].1.write(to: &output, indent: indent, level: level + 1)
            }
        }
    }

    private func writeContainer(
        open: String, close: String, count: Int, to output: inout JSONBytes, indent: String?, level: Int,
        element: (Int, inout JSONBytes) -> Void
    ) {
        output.append(open)
        guard count > 0 else {
            output.append(close)
            return
        }
        for index in 0..<count {
            if index > 0 { output.append(",") }
            if let indent { output.newline(indent: indent, times: level + 1) }
            element(index, &output)
        }
        if let indent { output.newline(indent: indent, times: level) }
        output.append(close)
    }

    private static func writeString(_ value: String, to output: inout JSONBytes) {
        output.append("\"")
        if needsNoEscaping(value) {
            output.append(value)
            output.append("\"")
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case let control where control.value < 0x20 || control.value == 0x2028 || control.value == 0x2029:
                let hex = String(control.value, radix: 16)
                output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: output.append(String(scalar))
            }
        }
        output.append("\"")
    }

    /// True when no scalar of `value` is escaped by ``writeString(_:to:)``: no control
    /// character, quote, backslash, U+2028 or U+2029 (E2 80 A8/A9 in UTF-8).
    private static func needsNoEscaping(_ value: String) -> Bool {
        value.utf8.withContiguousStorageIfAvailable(isPlain) ?? Array(value.utf8).withUnsafeBufferPointer(isPlain)
    }

    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0xA8 { return false }
            index += 1
        }
        return true
    }
}

/// The UTF-8 of a JSON text being written: appending bytes is cheaper than growing a String
/// piece by piece.
private struct JSONBytes {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1024) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func newline(indent: String, times: Int) {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<times { bytes.append(contentsOf: indent.utf8) }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
