import Foundation
import FormPipeCore

/// The value of one record field, typed as the contract types it.
public enum FieldValue: Sendable, Hashable, CustomStringConvertible {
    case text(String)
    case number(PrintedNumber)
    /// A blank cell: the contract's `null`.
    case null

    /// As a JSON value for `review.json` and the repair log's reviewer lines.
    public var json: JSONValue {
        switch self {
        case .text(let text): .string(text)
        case .number(let number): .number(number.literal)
        case .null: .null
        }
    }

    /// Reads a value written by `json`; nil for arrays, objects and booleans.
    public init?(json: JSONValue) {
        switch json {
        case .string(let text): self = .text(text)
        case .number(let literal):
            guard let number = PrintedNumber(literal: literal) else { return nil }
            self = .number(number)
        case .null: self = .null
        default: return nil
        }
    }

    /// The value as the repair log's `before`/`after` text: a blank cell is "".
    public var logText: String {
        switch self {
        case .text(let text): text
        case .number(let number): number.literal
        case .null: ""
        }
    }

    /// For messages and the terminal: a blank cell reads "(blank)", text is quoted.
    public var description: String {
        switch self {
        case .text(let text): "\"\(text)\""
        case .number(let number): number.literal
        case .null: "(blank)"
        }
    }
}

/// What a record field can hold, and so which values `--set` accepts for it.
public enum FieldValueKind: Sendable, Hashable {
    /// Text that is never null (`projectName`, `indicators[n].level3`).
    case text
    /// Text or null when the cell is blank (`projectLead`, `phone`, `indicators[n].deviation`).
    case optionalText
    /// A number as printed, or null (`funds[n].executed`, `total.score`).
    case number
    /// A whole number, or null (`year`).
    case integer
    /// A value the contract fixes (`formType`, `funds[n].item`); not editable.
    case fixed

    /// What a person should type, for error messages.
    package var expectation: String {
        switch self {
        case .text: "text"
        case .optionalText: "text, or nothing for a blank cell"
        case .number: "a number such as 43.5076, or nothing for a blank cell"
        case .integer: "a whole number such as 2023"
        case .fixed: "nothing: the contract fixes it"
        }
    }

    /// Converts what the reviewer typed; nil when the text is not a value of this kind.
    package func value(typed text: String) -> FieldValue? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch self {
        case .text: return .text(text)
        case .optionalText: return trimmed.isEmpty ? .null : .text(text)
        case .number:
            if trimmed.isEmpty || trimmed == "null" { return .null }
            let digits = trimmed.hasSuffix("%") ? String(trimmed.dropLast()) : trimmed
            return PrintedNumber(literal: digits).map(FieldValue.number)
        case .integer:
            if trimmed.isEmpty || trimmed == "null" { return .null }
            return Int(trimmed).flatMap { PrintedNumber(literal: String($0)) }.map(FieldValue.number)
        case .fixed: return nil
        }
    }

    /// Converts text the form printed (a repair's `before`), which may carry the damage the
    /// repair removed: spaces inside a number, a "%". Dashes and blanks are a blank cell.
    package func value(printed text: String) -> FieldValue? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch self {
        case .text: return .text(text)
        case .optionalText: return trimmed.isEmpty ? .null : .text(text)
        case .number, .integer:
            if trimmed.isEmpty || ["—", "-", "－", "/", "／"].contains(trimmed) { return .null }
            guard let number = PrintedNumber(parsing: trimmed) else { return nil }
            if self == .integer, Int(number.literal) == nil { return nil }
            return .number(number)
        case .fixed: return nil
        }
    }
}
