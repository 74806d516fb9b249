import Foundation
import FormPipeCore
import FormPipeRecord
import FormPipeRepair
import FormPipeEmit
import FormPipeReview

/// What `formpipe review` prints: aligned text for people (coloured on a terminal only), or
/// JSON for scripts.
struct ReviewOutput {
    struct Filter {
        var rule: String?
        var below: Double?

        func keeps(_ repair: LoggedRepair) -> Bool {
            (rule == nil || repair.rule == rule) && (below == nil || repair.confidence < below!)
        }

        /// Findings have no confidence: `--below` alone hides them, `--rule` keeps its own.
        func keeps(_ finding: LoggedFinding) -> Bool {
            rule.map { finding.rule == $0 } ?? (below == nil)
        }
    }

    let json: Bool
    private let style = TerminalStyle(enabled: TerminalStyle.stdoutIsColourTerminal)

    init(json: Bool) {
        self.json = json
    }

    func overview(_ summaries: [DocumentSummary], problems: [ReviewError], outbox: URL) {
        for problem in problems {
            FileHandle.standardError.write(Data("formpipe: warning: \(problem.message)\n".utf8))
        }
        if json {
            print(JSONValue.array(summaries.map(\.json)).pretty(), terminator: "")
            return
        }
        guard !summaries.isEmpty else {
            print("no converted documents in \(outbox.path)")
            return
        }
        var table = TextTable(headings: ["DOCUMENT", "FORMS", "REPAIRS", "FINDINGS", "LOWEST", "WEAKEST", "STATUS"])
        for summary in summaries {
            table.add(overviewRow(summary))
        }
        print(table.render(rightAligned: [1, 2, 3, 4]), terminator: "")
        print(style.dim("review pages: \(outbox.appendingPathComponent(ReviewIndexWriter.fileName).path)"))
    }

    private func overviewRow(_ summary: DocumentSummary) -> [String] {
        var lowest = "—"
        var weakest = ""
        if let repair = summary.weakest {
            lowest = style.confidence(LoggedRepair.confidenceText(repair.confidence), repair.confidence)
            weakest = "\(repair.id) \(repair.rule)"
        }
        var status = summary.isReviewed ? style.green("reviewed") : style.yellow("not reviewed")
        if summary.isUnrecognized { status = style.yellow("unrecognized") + ", " + status }
        let forms = summary.tables > 0 ? "\(summary.forms) + \(summary.tables) tables" : "\(summary.forms)"
        return [summary.name, forms, "\(summary.repairs)", "\(summary.findings)", lowest, weakest, status]
    }

    func document(_ document: ReviewDocument, filter: Filter, outbox: URL) {
        let log = document.logWithDecisions()
        let repairs = log.repairs.filter(filter.keeps)
        let findings = log.findings.filter(filter.keeps)
        if json {
            let value = JSONValue.object([
                ("document", .string(document.name)),
                ("source", .string(document.sourceName)),
                ("reviewed", .bool(document.ledger.isReviewed)),
                ("repairs", .array(repairs.map(\.line))),
                ("findings", .array(findings.map(\.line))),
                ("decisions", .array(document.ledger.decisions.map(\.json))),
            ])
            print(value.pretty(), terminator: "")
            return
        }
        let status =
            document.ledger.acceptance.map { style.green("reviewed by \($0.who) \($0.when)") }
            ?? style.yellow("not reviewed")
        let tableCount = document.tableRecord?["tables"]?.arrayValue?.count ?? 0
        let tables = tableCount > 0 ? "\(Self.count(tableCount, "other table")) · " : ""
        let unrecognized = document.records.isEmpty && tableCount > 0 ? style.yellow("unrecognized") + " · " : ""
        print(
            "\(style.bold(document.name))  \(document.sourceName) · \(Self.count(document.records.count, "form")) · "
                + tables + "\(Self.count(log.machineRepairs.count, "repair")) · "
                + "\(Self.count(log.findings.count, "finding")) · \(unrecognized)\(status)"
        )
        // The table record's repairs and findings ("form": null) come last, under "tables".
        let sections = document.records.enumerated().map { (form: $0.offset + 1, title: "\(style.bold(FormFileName.stem(form: $0.offset + 1)))  \($0.element.projectName)") }
            + [(form: Repair.outsideForms, title: "\(style.bold(OutputFileName.tables))  tables of no known form")]
        for (form, title) in sections {
            let formRepairs = repairs.filter { $0.form == form }
            let formFindings = findings.filter { $0.form == form }
            guard !formRepairs.isEmpty || !formFindings.isEmpty else { continue }
            print("\n\(title)")
            var table = TextTable(headings: nil)
            for repair in formRepairs {
                let confidence = LoggedRepair.confidenceText(repair.confidence)
                let change = "\(Self.clip(repair.before)) → \(Self.clip(repair.after))"
                table.add([
                    "  \(repair.id)",
                    repair.isReviewer ? style.green(confidence) : style.confidence(confidence, repair.confidence),
                    repair.field, repair.rule, change,
                ])
            }
            print(table.render(rightAligned: [1]), terminator: "")
            var findingTable = TextTable(headings: nil)
            for finding in formFindings {
                findingTable.add([
                    "  \(finding.id)", style.yellow(finding.rule),
                    "\(finding.message)  [\(finding.fields.joined(separator: ", "))]",
                ])
            }
            print(findingTable.render(), terminator: "")
        }
        if repairs.isEmpty, findings.isEmpty { print("\nno repairs or findings match") }
        print(
            style.dim(
                "\nreview page: \(outbox.appendingPathComponent(document.name).appendingPathComponent("review.html").path)"
            ))
    }

    func applied(_ decisions: [ReviewDecision], to name: String, outbox: URL) {
        if json {
            print(JSONValue.array(decisions.map(\.json)).pretty(), terminator: "")
            return
        }
        for decision in decisions {
            switch decision.action {
            case .accept:
                print("\(decision.id) accepted \(name) as reviewed (\(decision.who))")
            case .set, .revert, .confirm:
                let what =
                    switch decision.action {
                    case .revert: "reverted \(decision.repair ?? ""),"
                    case .confirm: "confirmed"
                    default: "set"
                    }
                print(
                    "\(decision.id) \(what) \(decision.formName ?? ""):\(decision.field?.description ?? "") "
                        + "\(decision.previous?.description ?? "") → \(style.green(decision.value?.description ?? ""))")
            }
        }
        print(
            style.dim(
                "wrote \(outbox.appendingPathComponent(name).path)/ (records, repairs.jsonl, review.json, review.html)"
            ))
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// One line, at most 40 characters, for a terminal column; blank reads as （空）.
    static func clip(_ text: String) -> String {
        guard !text.isEmpty else { return "（空）" }
        let line = text.replacingOccurrences(of: "\n", with: "⏎")
        return line.count > 40 ? String(line.prefix(39)) + "…" : line
    }
}
