import FormPipeCore

/// Any JSON value as the config loader checks it: numbers as `Int64` or `Double` and objects
/// by key, so a wrong type can be named precisely ("expected a number, got the string \"two\"").
/// Built from the `JSONValue` the one parser reads, which has already refused duplicate keys, so
/// an object's dictionary loses nothing.
enum ConfigValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([ConfigValue])
    case object([String: ConfigValue])

    init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        // A whole number that fits stays exact; "2.0", "1e3" and larger ones are read as
        // Doubles, which the integer settings accept when they are whole. One too large for a
        // Double ("1e400") reads as infinity, which every setting's range refuses.
        case .number(let literal): self = Int64(literal).map(Self.integer) ?? .number(Double(literal) ?? .nan)
        case .string(let value): self = .string(value)
        case .array(let values): self = .array(values.map(ConfigValue.init))
        case .object(let members):
            self = .object(Dictionary(members.map { ($0.0, ConfigValue($0.1)) }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// How the value reads in an error message.
    var summary: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .integer(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): "the string \"\(value.count > 40 ? value.prefix(40) + "…" : Substring(value))\""
        case .array: "an array"
        case .object: "an object"
        }
    }

    var numberValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }
}
