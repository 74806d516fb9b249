import FormPipeEmit
/// The reviewers' decisions from `review.json`, oldest first: who changed which field from what
/// to what, and when; a decision that could not be re-applied after a reconversion says why.
struct DecisionListHTML {
    let ledger: ReviewLedger
    /// The reviewer lines of the repair log, by decision id, to link each decision to its line.
    let reviewerLines: [String: LoggedRepair]

    init(ledger: ReviewLedger, log: RepairLogFile) {
        self.ledger = ledger
        var lines: [String: LoggedRepair] = [:]
        for repair in log.repairs where repair.isReviewer {
            if let decision = repair.line["decision"]?.stringValue { lines[decision] = repair }
        }
        reviewerLines = lines
    }

    func write(to page: inout HTMLBuilder) {
        page.element("section", ["id": "decisions"]) { section in
            section.element("h2", text: "审阅记录 Reviewer decisions (\(ledger.decisions.count))")
            guard !ledger.decisions.isEmpty else {
                section.element("p", ["class": "empty"], text: "No decisions yet.")
                return
            }
            section.element("table", ["class": "decisions"]) { table in
                table.element("tr") { row in
                    for heading in ["", "what", "field", "before → after", "who", "when"] {
                        row.element("th", text: heading)
                    }
                }
                for decision in ledger.decisions { writeRow(decision, to: &table) }
            }
        }
    }

    private func writeRow(_ decision: ReviewDecision, to table: inout HTMLBuilder) {
        table.element("tr", ["id": decision.id, "class": decision.problem == nil ? nil : "problem"]) { row in
            row.element("td", text: decision.id)
            let what: String
            switch decision.action {
            case .accept: what = "accepted: document reviewed"
            case .set: what = "set"
            case .revert: what = "reverted \(decision.repair ?? "")"
            case .confirm: what = "confirmed as converted"
            }
            row.element("td") { cell in
                cell.text(what)
                if let line = reviewerLines[decision.id] { cell.text(" → \(line.id)") }
                if let problem = decision.problem { cell.element("div", ["class": "problem-text"], text: problem) }
            }
            row.element("td") { cell in
                if let form = decision.form, let field = decision.field {
                    cell.element(
                        "a", ["href": "#\(HTMLBuilder.anchor(form: form, field: field.description))"],
                        text: "\(FormFileName.stem(form: form)) \(FieldCaption.caption(for: field.description))")
                }
            }
            row.element("td") { cell in
                if let value = decision.value {
                    ChangeHTML(before: decision.previous?.logText ?? "", after: value.logText).write(to: &cell)
                }
            }
            row.element("td", text: decision.who)
            row.element("td", text: decision.when)
        }
    }
}
