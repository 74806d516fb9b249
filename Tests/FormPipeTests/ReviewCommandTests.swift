import Foundation
import Testing

@testable import FormPipeCore
@testable import FormPipeEmit
@testable import FormPipeReview

/// `formpipe review` run as a process on converted corpus files, as a user would: corrections
/// re-emit JSON, XML and the repair log, are recorded in review.json, survive a reconversion,
/// and bad requests change nothing.
@Suite(.serialized)
struct ReviewCommandTests {
    private func convert(_ files: [String], into outbox: URL) throws {
        let paths = files.map { Fixtures.corpus.appendingPathComponent($0).path }
        let result = try ReviewProcess.formpipe(["convert"] + paths + ["--out", outbox.path])
        #expect(result.status == 0, "\(result.stderr)")
    }

    private func text(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    /// The document's repair log, to find repairs by what they did rather than by an id the
    /// converter may number differently tomorrow.
    private func log(_ folder: URL) throws -> RepairLogFile {
        try RepairLogFile(text: text(folder.appendingPathComponent("repairs.jsonl")), name: "repairs.jsonl")
    }

    @Test func setAndRevertReEmitTheRecordsAndKeepTheMachineLog() throws {
        let outbox = try Fixtures.temporaryFolder("formpipe-review-e2e")
        defer { try? FileManager.default.removeItem(at: outbox) }
        try convert(["dev-02.txt"], into: outbox)
        let folder = outbox.appendingPathComponent("dev-02")
        let machineLog = try text(folder.appendingPathComponent("repairs.jsonl")).split(separator: "\n")
        // "12 月底前 完成" was printed; two rules repaired it in turn. Reverting the second puts back the print.
        let chained = try #require(
            try log(folder).repairs.first { $0.field == "indicators[3].target" && $0.rule == "spaced-script-boundary" })
        #expect(chained.after == "12月底前完成")

        let result = try ReviewProcess.formpipe([
            "review", "dev-02", "--outbox", outbox.path, "--set", "form-01:funds[0].executed=43.5076", "--revert",
            chained.id,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("D1 set form-01:funds[0].executed 5.252 → 43.5076"))
        #expect(result.stdout.contains("D2 reverted \(chained.id)"))

        let record = try text(folder.appendingPathComponent("form-01.json"))
        #expect(record.contains(#""executed": 43.5076,"#))
        #expect(record.contains(#""target": "12 月底前 完成","#))
        let xml = try text(folder.appendingPathComponent("form-01.xml"))
        #expect(xml.contains(#"<executed label="全年执行数">43.5076</executed>"#))
        #expect(xml.contains("12 月底前 完成"))
        let issues = try RecordSchemaValidator().validate(Data(xml.utf8))
        #expect(issues.isEmpty, "\(issues)")

        let ledger = try ReviewFixtures.json(folder.appendingPathComponent("review.json"))
        let decisions = try #require(ledger["decisions"]?.arrayValue)
        #expect(decisions.map { $0["action"]?.stringValue } == ["set", "revert"])
        #expect(
            decisions.allSatisfy { $0["who"]?.stringValue == "tester" && $0["when"]?.stringValue?.count ?? 0 >= 20 })
        #expect(decisions[0]["value"] == .number("43.5076") && decisions[0]["previous"] == .number("5.252"))
        #expect(decisions[1]["repair"]?.stringValue == chained.id)
        #expect(
            ledger["sha256"]?.stringValue
                == (try ReviewFixtures.json(folder.appendingPathComponent("manifest.json")))["sha256"]?.stringValue)

        // The machine's lines are kept as they were; the reviewer's come after the repairs, before the findings.
        let log = try text(folder.appendingPathComponent("repairs.jsonl")).split(separator: "\n")
        let machineRepairs = machineLog.filter { $0.contains(#""kind":"repair""#) }
        #expect(Array(log.prefix(machineRepairs.count)) == machineRepairs)
        let reviewerLines = log.filter { $0.contains(#""rule":"reviewer""#) }
        #expect(reviewerLines.count == 2)
        #expect(reviewerLines.allSatisfy { $0.contains(#""confidence":1"#) && $0.contains(#""who":"tester""#) })
        #expect(log.suffix(3).allSatisfy { $0.contains(#""kind":"finding""#) })
        #expect(!FileManager.default.fileExists(atPath: outbox.appendingPathComponent(".formpipe-staging/dev-02").path))
    }

    @Test func confirmRecordsTheCheckUnderTheNameGivenAndSurvivesAReconversion() throws {
        let outbox = try Fixtures.temporaryFolder("formpipe-review-confirm")
        defer { try? FileManager.default.removeItem(at: outbox) }
        try convert(["dev-02.txt"], into: outbox)
        let folder = outbox.appendingPathComponent("dev-02")
        let result = try ReviewProcess.formpipe([
            "review", "dev-02", "--outbox", outbox.path, "--confirm", "form-01:funds[0].executed", "--reviewer", "王会计",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("D1 confirmed form-01:funds[0].executed 5.252 → 5.252"))
        let decision = try #require(try ReviewFixtures.json(folder.appendingPathComponent("review.json"))["decisions"]?.arrayValue?.first)
        #expect(decision["action"]?.stringValue == "confirm" && decision["who"]?.stringValue == "王会计")
        #expect(decision["value"] == .number("5.252"))
        #expect(try log(folder).repairs.contains { $0.isReviewer && $0.before == "5.252" && $0.after == "5.252" })

        // The same file converted again: the check is still there, on the same value.
        try convert(["dev-02.txt"], into: outbox)
        let again = try #require(try ReviewLedger.load(from: folder))
        #expect(again.decisions.map(\.action) == [.confirm] && again.decisions[0].problem == nil)

        let bad = try ReviewProcess.formpipe(["review", "dev-02", "--outbox", outbox.path, "--confirm", "form-01:formType"])
        #expect(bad.status == 1 && bad.stderr.contains("form-01:formType cannot be changed"))
        let serveWithName = try ReviewProcess.formpipe(["review", "dev-02", "--outbox", outbox.path, "--serve"])
        #expect(serveWithName.status == 2 && serveWithName.stderr.contains("--serve takes no NAME"))
    }

    @Test func decisionsSurviveAReconversionOfTheSameFileOnly() throws {
        let outbox = try Fixtures.temporaryFolder("formpipe-review-e2e")
        defer { try? FileManager.default.removeItem(at: outbox) }
        let inputs = try Fixtures.temporaryFolder("formpipe-review-inputs")
        defer { try? FileManager.default.removeItem(at: inputs) }
        let input = inputs.appendingPathComponent("dev-03.txt")
        try FileManager.default.copyItem(at: Fixtures.corpus.appendingPathComponent("dev-03.txt"), to: input)
        func convertInput() throws {
            let result = try ReviewProcess.formpipe(["convert", input.path, "--out", outbox.path])
            #expect(result.status == 0, "\(result.stderr)")
        }
        try convertInput()
        let folder = outbox.appendingPathComponent("dev-03")
        let set = try ReviewProcess.formpipe([
            "review", "dev-03", "--outbox", outbox.path, "--set", "form-01:phone=12345678", "--accept",
        ])
        #expect(set.status == 0, "\(set.stderr)")

        try convertInput()
        #expect(try text(folder.appendingPathComponent("form-01.json")).contains(#""phone": "12345678""#))
        #expect(try text(folder.appendingPathComponent("form-01.xml")).contains("12345678"))
        let kept = try ReviewFixtures.json(folder.appendingPathComponent("review.json"))
        #expect(kept["decisions"]?.arrayValue?.count == 2 && kept["reviewed"] == .bool(true))

        // Another file of the same name elsewhere is another input: its own folder, the reviewed one untouched.
        try convert(["dev-03.txt"], into: outbox)
        #expect(FileManager.default.fileExists(atPath: outbox.appendingPathComponent("dev-03.txt/form-01.json").path))
        #expect(try text(folder.appendingPathComponent("form-01.json")).contains("12345678"))

        // The same file with other content: the old decisions are kept aside, not applied.
        try (try text(input) + "\n").write(to: input, atomically: true, encoding: .utf8)
        try convertInput()
        #expect(!(try text(folder.appendingPathComponent("form-01.json"))).contains("12345678"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("review.json").path))
        #expect(try text(folder.appendingPathComponent("review-superseded.json")).contains("12345678"))
    }

    @Test(
        arguments: [
            (["review", "nosuch", "--accept"], 1, "no converted document 'nosuch'"),
            (["review", "dev-01", "--set", "form-01:funds[0].spent=1"], 1, "funds[0].spent is not a field"),
            (["review", "dev-01", "--set", "form-01:funds[0].executed=四十"], 1, "takes a number"),
            (["review", "dev-01", "--set", "form-01:indicators[40].target=x"], 1, "past the end"),
            (["review", "dev-01", "--set", "form-02:phone=1"], 1, "has no form-02"),
            (["review", "dev-01", "--revert", "R999"], 1, "has no repair R999"),
            (["review", "dev-01", "--set", "form-01:funds[0].executed"], 2, "has no '='"),
            (["review", "--accept"], 2, "need the document's NAME"),
            // A good request with a bad one: all or nothing.
            (["review", "dev-01", "--set", "form-01:phone=1", "--set", "form-01:year=x"], 1, "whole number"),
        ] as [([String], Int32, String)])
    func badRequestsFailWithOneLineAndChangeNothing(arguments: [String], status: Int32, message: String) throws {
        let outbox = try Fixtures.temporaryFolder("formpipe-review-bad")
        defer { try? FileManager.default.removeItem(at: outbox) }
        try convert(["dev-01.txt"], into: outbox)
        let before = try ReviewFixtures.snapshot(outbox)

        let result = try ReviewProcess.formpipe(arguments + ["--outbox", outbox.path])

        #expect(result.status == status, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 || status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try ReviewFixtures.snapshot(outbox) == before)
    }

    @Test func aWholeRowRepairCannotBeReverted() throws {
        let outbox = try Fixtures.temporaryFolder("formpipe-review-bad")
        defer { try? FileManager.default.removeItem(at: outbox) }
        try convert(["dev-01.txt"], into: outbox)
        let row = try #require(
            try log(outbox.appendingPathComponent("dev-01")).repairs.first { $0.rule == "shifted-row" })
        let before = try ReviewFixtures.snapshot(outbox)
        let result = try ReviewProcess.formpipe(["review", "dev-01", "--outbox", outbox.path, "--revert", row.id])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("\(row.id) (shifted-row) changed the whole row \(row.field)"), "\(result.stderr)")
        #expect(try ReviewFixtures.snapshot(outbox) == before)
    }

    @Test func listingsPrintOneLinePerDocumentAndJSONForScripts() throws {
        let outbox = try Fixtures.temporaryFolder("formpipe-review-list")
        defer { try? FileManager.default.removeItem(at: outbox) }
        try convert(["dev-01.txt", "dev-06.txt", "dev-04.html"], into: outbox)

        let overview = try ReviewProcess.formpipe(["review", "--outbox", outbox.path])
        #expect(overview.status == 0)
        let lines = overview.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("DOCUMENT") == true)
        #expect(lines[1].hasPrefix("dev-06 ") && lines[1].contains("0.6") && lines[1].contains("not reviewed"))
        #expect(!overview.stdout.contains("\u{1B}["))  // no colours into a pipe

        let json = try ReviewProcess.formpipe(["review", "--outbox", outbox.path, "--json"])
        let documents = try #require(try JSONValueParser.parse(json.stdout).arrayValue)
        #expect(documents.compactMap { $0["document"]?.stringValue } == ["dev-06", "dev-01", "dev-04"])

        let machine = try log(outbox.appendingPathComponent("dev-01"))
        let snap = try #require(machine.repairs.first { $0.rule == "vocabulary-snap" })
        let filtered = try ReviewProcess.formpipe([
            "review", "dev-01", "--outbox", outbox.path, "--rule", "vocabulary-snap",
        ])
        #expect(filtered.stdout.contains("\(snap.id) ") && filtered.stdout.contains("服务对象满意度标 → 服务对象满意度指标"))
        #expect(!filtered.stdout.contains("fill-down"))
        let below = try ReviewProcess.formpipe([
            "review", "dev-01", "--outbox", outbox.path, "--below", "0.9", "--json",
        ])
        let repairs = try #require(try JSONValueParser.parse(below.stdout)["repairs"]?.arrayValue)
        #expect(
            repairs.compactMap { $0["id"]?.stringValue } == machine.repairs.filter { $0.confidence < 0.9 }.map(\.id))
        #expect(!repairs.isEmpty)
    }

    @Test func pdfInputsGetACropPerRepairedCell() throws {
        let outbox = try Fixtures.temporaryFolder("formpipe-review-pdf")
        defer { try? FileManager.default.removeItem(at: outbox) }
        try convert(["dev-02.pdf"], into: outbox)
        let folder = outbox.appendingPathComponent("dev-02")
        let log = try RepairLogFile(
            text: try text(folder.appendingPathComponent("repairs.jsonl")), name: "repairs.jsonl")
        let located = log.repairs.filter { $0.bbox != nil }
        #expect(!located.isEmpty)
        let crops = try ScanCrops(json: ReviewFixtures.json(folder.appendingPathComponent(ScanCrops.fileName)))
        // dev-02 is born digital: each crop is drawn from the text layer, and shows the words of
        // the repaired cell as the PDF printed them.
        for repair in located {
            let image = try #require(crops.image(form: repair.form, field: repair.field), "\(repair.id)")
            #expect(ScanCrops.isDrawing(image), "\(repair.id)")
            let drawn = String(decoding: image, as: UTF8.self).matches(of: #/>([^<]*)</text>/#).map(\.output.1)
                .joined()
            let printed = String(repair.before.filter { !$0.isWhitespace && !"&<>".contains($0) }.prefix(3))
            #expect(drawn.contains(printed), "\(repair.id): \(printed)")
        }
        // Crops are kept when a correction re-emits the folder without the PDF.
        let weakest = try #require(log.weakestRepair)
        let result = try ReviewProcess.formpipe(["review", "dev-02", "--outbox", outbox.path, "--revert", weakest.id])
        #expect(result.status == 0, "\(result.stderr)")
        let kept = try ScanCrops(json: ReviewFixtures.json(folder.appendingPathComponent(ScanCrops.fileName)))
        #expect(kept == crops)
        let key = ScanCrops.key(form: weakest.form, field: weakest.field)
        #expect(try text(folder.appendingPathComponent("review.html")).contains(#"data-crop="\#(key)""#))
    }
}
