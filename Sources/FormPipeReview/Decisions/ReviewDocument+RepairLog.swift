import FormPipeCore

/// The repair log with the reviewer's lines: the machine's repairs keep their ids and lines
/// unchanged, each applied field decision adds a repair with rule `reviewer` and confidence 1,
/// and the findings follow, so the file keeps the converter's layout (repairs, then findings).
extension ReviewDocument {
    public func logWithDecisions() -> RepairLogFile {
        let machine = log.machineRepairs
        var repairs = machine
        for decision in ledger.corrections where decision.problem == nil {
            guard let form = decision.form, let field = decision.field, let value = decision.value else { continue }
            let id = "R\(repairs.count + 1)"
            // The machine's last repair of the field locates the cell on the page, so the
            // reviewer's line points at the same crop.
            let located = machine.last { $0.form == form && $0.field == field.description }
            let before = decision.previous?.logText ?? ""
            var members: [(String, JSONValue)] = [
                ("id", .string(id)), ("kind", .string("repair")), ("form", .number(form)),
                ("field", .string(field.description)),
                ("page", located?.page.map { .number($0) } ?? .null),
                ("bbox", located?.line["bbox"] ?? .null),
                ("rule", .string(LoggedRepair.reviewerRule)), ("before", .string(before)),
                ("after", .string(value.logText)), ("confidence", .number(1)),
                ("decision", .string(decision.id)), ("action", .string(decision.action.rawValue)),
            ]
            if let repair = decision.repair { members.append(("reverts", .string(repair))) }
            members += [("who", .string(decision.who)), ("when", .string(decision.when))]
            repairs.append(
                LoggedRepair(
                    id: id, form: form, field: field.description, page: located?.page, bbox: located?.bbox,
                    rule: LoggedRepair.reviewerRule, before: before, after: value.logText, confidence: 1,
                    line: .object(members)))
        }
        return RepairLogFile(repairs: repairs, findings: log.findings)
    }
}
