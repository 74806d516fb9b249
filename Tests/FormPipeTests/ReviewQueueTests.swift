import Foundation
import Testing

@testable import FormPipeRecord
@testable import FormPipeReview

/// What the browser review stands on, without a browser: `--confirm`, the document version that
/// refuses a stale decision, and the queue across the outbox.
@Suite(.serialized)
struct ReviewQueueTests {
    @Test func confirmKeepsTheValueAndRecordsWhoChecked() throws {
        var document = try ReviewFixtures.document()
        let decision = try document.decide(try ReviewRequest.parseConfirm("form-01:indicators[0].target"), by: ReviewFixtures.reviewer)
        #expect(decision.action == .confirm)
        #expect(decision.value == .text("12月底前完成") && decision.previous == decision.value)
        #expect(document.records[0].indicators[0].target == "12月底前完成")
        let line = try #require(document.logWithDecisions().repairs.last)
        #expect(line.isReviewer && line.before == line.after && line.line["action"]?.stringValue == "confirm")
        // Read back from review.json as the CLI and the converter read it.
        let ledger = try ReviewLedger(json: document.ledger.json)
        #expect(ledger.decisions.first?.action == .confirm)
    }

    @Test(arguments: ["form-01:formType", "form-01:funds[9].executed", "form-01:nosuch"])
    func confirmRefusesWhatSetRefuses(argument: String) throws {
        var document = try ReviewFixtures.document()
        #expect(throws: ReviewError.self) {
            try document.decide(try ReviewRequest.parseConfirm(argument), by: ReviewFixtures.reviewer)
        }
        #expect(document.ledger.decisions.isEmpty)
    }

    @Test func aDecisionOnAnOldVersionIsRefusedAndChangesNothing() throws {
        let outbox = try ReviewFixtures.convertedOutbox(["dev-01.txt"], label: "formpipe-review-version")
        defer { try? FileManager.default.removeItem(at: outbox) }
        let reviewer = DocumentReviewer(outbox: outbox)
        let (_, seen) = try reviewer.loadVersioned("dev-01")
        let field = FieldPath(parsing: "funds[0].executed")!
        let first = try reviewer.apply(
            [.set(form: 1, field: field, typed: "43.5076")], to: "dev-01", by: Reviewer(name: "alice"), expecting: seen)
        #expect(first.version != seen)
        #expect(try reviewer.loadVersioned("dev-01").version == first.version)
        let before = try ReviewFixtures.snapshot(outbox.appendingPathComponent("dev-01"))

        #expect {
            try reviewer.apply(
                [.set(form: 1, field: field, typed: "99")], to: "dev-01", by: Reviewer(name: "bob"), expecting: seen)
        } throws: { error in
            let error = error as? ReviewError
            return error?.code == .staleDocument && error!.message.contains("changed on disk")
                && error!.message.contains("D1 (set form-01:funds[0].executed by alice")
        }
        #expect(try ReviewFixtures.snapshot(outbox.appendingPathComponent("dev-01")) == before)
        // On the version it now shows, bob's decision goes through and alice's stays.
        let second = try reviewer.apply(
            [.set(form: 1, field: field, typed: "99")], to: "dev-01", by: Reviewer(name: "bob"), expecting: first.version)
        #expect(second.document.ledger.decisions.map(\.who) == ["alice", "bob"])
    }

    @Test func theQueueListsEveryFindingAndRepairLeastSureFirstAndFilters() throws {
        let outbox = try ReviewFixtures.convertedOutbox(["dev-01.txt", "dev-02.pdf"], label: "formpipe-review-queue")
        defer { try? FileManager.default.removeItem(at: outbox) }
        var queue = ReviewQueue(reviewer: DocumentReviewer(outbox: outbox))
        let state = queue.refresh()
        let items = queue.items(.init())
        let logs = try ["dev-01", "dev-02"].map { try ReviewDocument.load(name: $0, outbox: outbox).log }
        let findings = logs.flatMap(\.findings)
        #expect(!findings.isEmpty, "dev-02 has findings (its 执行率 disagree)")
        #expect(items.count == logs.map(\.machineRepairs.count).reduce(0, +) + findings.count)
        // Findings first (no confidence: a person must look), then repairs least sure first.
        #expect(items.prefix(findings.count).allSatisfy { $0.confidence == nil })
        let confidences = items.dropFirst(findings.count).compactMap(\.confidence)
        #expect(confidences.count == items.count - findings.count && confidences == confidences.sorted())
        #expect(Set(items.map(\.document)) == ["dev-01", "dev-02"])
        // The born-digital PDF's items carry its drawn crops; the OCR text's have none.
        #expect(items.contains { $0.document == "dev-02" && $0.crop != nil && $0.cropIsDrawing })
        #expect(items.allSatisfy { $0.document == "dev-02" || $0.crop == nil })

        // A repair of a whole row offers the row's cells, read from the record by path.
        let row = try #require(items.first { $0.rule == "shifted-row" })
        #expect(!row.isEditable && row.current == nil)
        let record = try ReviewDocument.load(name: row.document, outbox: outbox).records[row.form - 1]
        #expect(row.cells.count >= 5)
        for cell in row.cells {
            #expect(cell.field.description.hasPrefix(row.field + "."))
            #expect(try record.value(at: cell.field) == cell.value)
        }

        // A finding offers the fields it names, each with its value now.
        let finding = try #require(items.first)
        guard case .finding(let logged) = finding.subject else {
            Issue.record("the first item is not a finding")
            return
        }
        #expect(finding.repair == nil && !finding.isEditable)
        #expect(finding.cells.map(\.field.description) == logged.fields)
        let findingRecord = try ReviewDocument.load(name: finding.document, outbox: outbox).records[finding.form - 1]
        for cell in finding.cells {
            #expect(try findingRecord.value(at: cell.field) == cell.value)
        }

        let rule = try #require(items.last?.rule)
        #expect(queue.items(.init(rule: rule)).allSatisfy { $0.rule == rule })
        #expect(queue.items(.init(document: "dev-01")).allSatisfy { $0.document == "dev-01" })
        #expect(queue.items(.init(below: 0.9)).allSatisfy { ($0.confidence ?? 0) < 0.9 })

        // A decision shows on its item; "open only" hides it; the state token moves.
        let item = try #require(items.first { $0.isEditable && $0.document == "dev-01" })
        try DocumentReviewer(outbox: outbox).apply(
            [.confirm(form: item.form, field: FieldPath(parsing: item.field)!)], to: "dev-01",
            by: ReviewFixtures.reviewer)
        #expect(queue.refresh() != state)
        let decided = try #require(queue.items(.init()).first { $0.id == item.id && $0.document == "dev-01" })
        #expect(decided.decision?.action == .confirm && decided.decision?.who == "tester")
        #expect(!queue.items(.init(openOnly: true)).contains { $0.id == item.id && $0.document == "dev-01" })
        #expect(queue.document("dev-01")?.decidedCount == 1)

        // A decision on one of a finding's fields decides the finding.
        let cell = try #require(finding.cells.last)
        try DocumentReviewer(outbox: outbox).apply(
            [.confirm(form: finding.form, field: cell.field)], to: finding.document, by: ReviewFixtures.reviewer)
        queue.refresh()
        #expect(queue.items(.init()).first { $0.id == finding.id && $0.document == finding.document }?.isDecided == true)
    }
}
