import FormPipeCore
import FormPipeDefinition
import FormPipeRecord

/// A record read back from its `form-NN.json`, the inverse of `FormRecord.json`.
///
/// Review re-emits a document's files from records it reads back, so this must lose nothing the
/// writer wrote: numbers keep their printed digits (`PrintedNumber(literal:)`), null stays null.
/// Keys the contract does not know are ignored; a known key with the wrong type is an error
/// naming its path, because writing the record back would silently drop that value.
extension FormRecord {
    public struct JSONShapeError: Error, Sendable, CustomStringConvertible {
        /// Record path of the offending value (`funds[2].executed`).
        public var path: String
        public var reason: String
        public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }
    }

    public init(json: JSONValue) throws(JSONShapeError) {
        self.init()
        guard case .object = json else { throw JSONShapeError(path: "", reason: "the record is not a JSON object") }
        for node in Self.definition.record {
            switch node {
            case .value(let field):
                try read(field, from: json, in: "", at: [])
            case .group(let key, _, let fields):
                guard let group = json[key], !group.isNull else { continue }
                for field in fields { try read(field, from: group, in: key, at: [.key(key)]) }
            case .list(let key, _, _, _, let fields):
                guard let rows = try Self.list(json, key) else { continue }
                resizeList(key, to: rows.count)
                for (index, row) in rows.enumerated() {
                    for field in fields {
                        try read(field, from: row, in: "\(key)[\(index)]", at: [.key(key), .index(index)])
                    }
                }
            }
        }
    }

    /// Reads one member into the record; a missing or null member leaves the field's default,
    /// except that a null optional field is null.
    private mutating func read(
        _ field: RecordField, from json: JSONValue, in parent: String, at prefix: [FieldPath.Component]
    ) throws(JSONShapeError) {
        let path = FieldPath(prefix + [.key(field.key)])
        let value: FieldValue
        switch field.kind {
        case .number:
            value = try Self.number(json, field.key, in: parent).map(FieldValue.number) ?? .null
        case .integer:
            guard let member = json[field.key], !member.isNull else { return }
            guard let year = member.intValue, let number = PrintedNumber(literal: String(year)) else {
                throw JSONShapeError(path: Self.join(parent, field.key), reason: "expected an integer")
            }
            value = .number(number)
        case .text, .fixed:
            guard let text = try Self.text(json, field.key, in: parent) else { return }
            value = .text(text)
        case .optionalText:
            value = try Self.text(json, field.key, in: parent).map(FieldValue.text) ?? .null
        }
        do {
            try assign(value, at: path)
        } catch {
            throw JSONShapeError(path: Self.join(parent, field.key), reason: error.description)
        }
    }

    /// A string member; nil when missing or null.
    private static func text(_ json: JSONValue, _ key: String, in parent: String = "") throws(JSONShapeError) -> String?
    {
        guard let value = json[key], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw JSONShapeError(path: join(parent, key), reason: "expected a string")
        }
        return text
    }

    /// A number member with its printed digits; nil when missing or null.
    private static func number(_ json: JSONValue, _ key: String, in parent: String) throws(JSONShapeError)
        -> PrintedNumber?
    {
        guard let value = json[key], !value.isNull else { return nil }
        guard let literal = value.numberLiteral, let number = PrintedNumber(literal: literal) else {
            throw JSONShapeError(path: join(parent, key), reason: "expected a number")
        }
        return number
    }

    private static func list(_ json: JSONValue, _ key: String) throws(JSONShapeError) -> [JSONValue]? {
        guard let value = json[key], !value.isNull else { return nil }
        guard let values = value.arrayValue else { throw JSONShapeError(path: key, reason: "expected an array") }
        return values
    }

    private static func join(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }
}
