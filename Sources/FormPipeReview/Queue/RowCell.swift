import FormPipeCore
import FormPipeDefinition
import FormPipeRecord

/// One cell of a row a repair changed as a whole (`shifted-row`, `inserted-empty-cell`): such a
/// repair has no single value to accept or correct, so the browser shows the row's cells. The
/// fields a finding names are shown the same way.
///
/// The cells are the keys of the row's object in the record's JSON, whatever they are, each
/// kept only when the record's field table knows it as a value a reviewer can set — so a record
/// format with new keys needs no list here.
public struct RowCell: Sendable {
    public var field: FieldPath
    public var kind: FieldValueKind
    public var value: FieldValue

    /// The cells of the row at `row` in `record`; empty when `row` is not a row (an object).
    static func cells(of row: FieldPath, in record: FormRecord) -> [RowCell] {
        guard case .object(let members)? = record.json.value(at: row) else { return [] }
        return members.compactMap { key, _ in
            let field = FieldPath(row.components + [.key(key)])
            guard let kind = try? record.fieldKind(at: field), kind != .fixed,
                let value = try? record.value(at: field)
            else { return nil }
            return RowCell(field: field, kind: kind, value: value)
        }
    }

    /// The cells of the fields a finding names: each value field a reviewer can set, and the
    /// cells of a field that is a row. Empty when none can be set.
    static func cells(naming fields: [String], in record: FormRecord) -> [RowCell] {
        fields.compactMap(FieldPath.init(parsing:)).flatMap { field -> [RowCell] in
            guard let kind = try? record.fieldKind(at: field) else { return cells(of: field, in: record) }
            guard kind != .fixed, let value = try? record.value(at: field) else { return [] }
            return [RowCell(field: field, kind: kind, value: value)]
        }
    }

    var json: JSONValue {
        .object([
            ("field", .string(field.description)),
            ("caption", .string(FieldCaption.caption(for: field.description))),
            ("current", .string(value.logText)),
            ("blank", .bool(value == .null)),
            ("expectation", .string(kind.expectation)),
        ])
    }
}

extension JSONValue {
    /// The value at a record path (`indicators[6]`, `funds[0].executed`); nil when there is none.
    func value(at path: FieldPath) -> JSONValue? {
        var current: JSONValue? = self
        for component in path.components {
            switch component {
            case .key(let key): current = current?[key]
            case .index(let index):
                guard let items = current?.arrayValue, items.indices.contains(index) else { return nil }
                current = items[index]
            }
        }
        return current
    }
}
