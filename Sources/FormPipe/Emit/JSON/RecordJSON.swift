/// The JSON form of a record, in the contract's key order (`record-format.md`).
extension FormRecord {
    public var json: JSONValue {
        .object([
            ("formType", .string(formType)),
            ("year", year.map { .number($0) } ?? .null),
            ("projectName", .string(projectName)),
            ("department", .string(department)),
            ("implementingUnit", .string(implementingUnit)),
            ("projectLead", .string(projectLead)),
            ("phone", .string(phone)),
            ("funds", .array(funds.map(\.json))),
            ("goals", .object([("expected", .string(goals.expected)), ("actual", .string(goals.actual))])),
            ("indicators", .array(indicators.map(\.json))),
            ("total", .object([("weight", .number(total.weight)), ("score", .number(total.score))])),
        ])
    }
}

extension FundsRow {
    var json: JSONValue {
        .object(
            [("item", .string(item))]
                + FundsRow.numericKeys.map { ($0, JSONValue.number(self[numeric: $0])) })
    }
}

extension Indicator {
    var json: JSONValue {
        .object([
            ("level1", .string(level1)), ("level2", .string(level2)), ("level3", .string(level3)),
            ("target", .string(target)), ("actual", .string(actual)), ("weight", .number(weight)),
            ("score", .number(score)), ("deviation", .string(deviation)),
        ])
    }
}

extension Repair {
    var json: JSONValue {
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
    var json: JSONValue {
        .object([
            ("kind", .string("finding")), ("form", Repair.formJSON(form)), ("rule", .string(rule)),
            ("fields", .array(fields.map { .string($0) })), ("message", .string(message)),
        ])
    }
}
