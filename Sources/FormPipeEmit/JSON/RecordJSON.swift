import FormPipeCore
import FormPipeDefinition
import FormPipeRecord
import FormPipeRepair

/// The JSON form of a record, in the contract's key order (`FormDefinition.record`).
extension FormRecord {
    public var json: JSONValue {
        var stack: [(key: String, isList: Bool, members: [(String, JSONValue)], items: [JSONValue])] = [
            ("", false, [], [])
        ]
        walk { visit in
            switch visit {
            case .value(let field, _, _, let value):
                stack[stack.count - 1].members.append((field.key, Self.json(value, kind: field.kind)))
            case .open(let key, let labelPath):
                // A list opens with its key as label path; a row opens with an empty one.
                let isList = labelPath == key && Self.definition.record.contains {
                    if case .list(let listKey, _, _, _, _) = $0 { return listKey == key } else { return false }
                }
                stack.append((key, isList, [], []))
            case .close:
                let done = stack.removeLast()
                let value: JSONValue = done.isList ? .array(done.items) : .object(done.members)
                if stack[stack.count - 1].isList {
                    stack[stack.count - 1].items.append(value)
                } else {
                    stack[stack.count - 1].members.append((done.key, value))
                }
            }
        }
        return .object(stack[0].members)
    }

    private static func json(_ value: FieldValue, kind: FieldValueKind) -> JSONValue {
        switch value {
        case .text(let text): .string(text)
        case .number(let number): .number(number.literal)
        case .null: .null
        }
    }
}

extension Repair {
    package var json: JSONValue {
        var members: [(String, JSONValue)] = [("kind", .string("repair")), ("form", Self.formJSON(form)), ("field", .string(field))]
        members.append(("page", page.map { .number($0) } ?? .null))
        members.append(
            ("bbox", bbox.map { box in .array([box.x0, box.y0, box.x1, box.y1].map { JSONValue.number(($0 * 10).rounded() / 10) }) } ?? .null))
        members += [
            ("rule", .string(rule)), ("before", .string(before)), ("after", .string(after)),
            ("confidence", .number((confidence * 1000).rounded() / 1000)),
        ]
        return .object(members)
    }
}

extension Finding {
    package var json: JSONValue {
        .object([
            ("kind", .string("finding")), ("form", Repair.formJSON(form)), ("rule", .string(rule)),
            ("fields", .array(fields.map { .string($0) })), ("message", .string(message)),
        ])
    }
}
