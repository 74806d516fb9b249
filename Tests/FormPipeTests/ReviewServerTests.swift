import Foundation
import Testing

@testable import FormPipeCore
@testable import FormPipeRecord
@testable import FormPipeEmit
@testable import FormPipePipeline
@testable import FormPipeReview

/// `formpipe review --serve` driven in real headless Chromium through Selenium
/// (`Tests/browser/review_serve.py`): the real binary on a port the system picks, a fresh outbox
/// converted from the corpus, a reviewer's keys; then the files on disk and the command line
/// must show the same decisions.
@Suite(.serialized)
struct ReviewServerTests {
    private func outbox(_ label: String) throws -> URL {
        try ReviewFixtures.convertedOutbox(["dev-01.txt", "dev-02.pdf"], label: label)
    }

    @Test func aReviewerCorrectsAcceptsAndRevertsWithTheKeyboard() throws {
        let outbox = try outbox("formpipe-serve-keys")
        defer { try? FileManager.default.removeItem(at: outbox) }
        let server = try ReviewServerProcess(outbox: outbox, reviewer: "alice")
        let shots = outbox.appendingPathComponent(".shots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        #expect(server.url.host == "127.0.0.1")
        let run = try BrowserScript.run([
            "keyboard", server.url.absoluteString, outbox.path, "--formpipe", Fixtures.formpipeBinary.path,
            "--convert", Fixtures.corpus.appendingPathComponent("dev-04.txt").path, "--screenshots", shots.path,
        ])
        #expect(server.stop() == 0, "the server stops cleanly on Ctrl-C: \(server.output)")
        try #require(run.status == 0, "browser: \(run.stderr.suffix(2000))")
        let facts = try JSONValueParser.parse(run.stdout)

        // Each decision is in review.json with who and when.
        var checked = 0
        for (key, action) in [("corrected", "set"), ("accepted", "confirm"), ("reverted", "revert")] {
            let fact = try #require(facts[key])
            let name = try #require(fact["document"]?.stringValue)
            let field = try #require(fact["field"]?.stringValue)
            let form = try #require(fact["form"]?.intValue)
            let folder = outbox.appendingPathComponent(name)
            let ledger = try #require(try ReviewLedger.load(from: folder))
            let decision = try #require(ledger.decisions.first { $0.field?.description == field && $0.form == form })
            #expect(decision.action.rawValue == action)
            #expect(decision.who == "alice")
            #expect(decision.when.contains("T"))
            // The re-emitted record and XML hold the value the decision put in.
            let value = try #require(decision.value)
            let record = try FormRecord(json: try ReviewFixtures.json(folder.appendingPathComponent(FormFileName.stem(form: form) + ".json")))
            #expect(try record.value(at: FieldPath(parsing: field)!) == value)
            let xml = try String(contentsOf: folder.appendingPathComponent(FormFileName.stem(form: form) + ".xml"), encoding: .utf8)
            if !value.logText.isEmpty {
                #expect(xml.contains(HTMLBuilder.escape(value.logText)), "\(name) \(field) in XML")
            }
            // The repair log gained the reviewer's line, as --set/--confirm/--revert write it.
            let log = try ReviewDocument.load(name: name, outbox: outbox).logWithDecisions()
            #expect(log.repairs.contains { $0.isReviewer && $0.field == field && $0.line["action"]?.stringValue == action })
            // The command line shows the same decision.
            let cli = try ReviewProcess.formpipe(["review", name, "--outbox", outbox.path, "--json"])
            #expect(cli.status == 0)
            let decisions = try JSONValueParser.parse(cli.stdout)["decisions"]?.arrayValue ?? []
            #expect(decisions.contains { $0["field"]?.stringValue == field && $0["action"]?.stringValue == action && $0["who"]?.stringValue == "alice" })
            checked += 1
        }
        #expect(checked == 3)
        let corrected = try #require(facts["corrected"])
        #expect(facts["formShowsCorrection"]?.boolValue == true)
        // The typed value itself, not only some value.
        let correctedName = try #require(corrected["document"]?.stringValue)
        let correctedLedger = try #require(try ReviewLedger.load(from: outbox.appendingPathComponent(correctedName)))
        #expect(correctedLedger.decisions.first?.value?.logText == corrected["value"]?.stringValue)
        // Alt+D marked that document reviewed, as --accept does.
        #expect(correctedLedger.isReviewed && correctedLedger.acceptance?.who == "alice")
        let listing = try ReviewProcess.formpipe(["review", "--outbox", outbox.path, "--json"])
        let reviewed = try JSONValueParser.parse(listing.stdout).arrayValue?.first { $0["document"]?.stringValue == correctedName }
        #expect(reviewed?["reviewed"]?.boolValue == true)
        // The outbox's index shows each document's progress, counted from review.json.
        let summary = try DocumentSummary.load(folder: outbox.appendingPathComponent(correctedName))
        #expect(summary.decided >= 1 && summary.decided < summary.repairs)
        let index = try String(contentsOf: outbox.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("\(summary.decided) / \(summary.repairs) repairs decided"))
        // A whole-row repair was decided cell by cell: the cell holds the typed value.
        let row = try #require(facts["row"], "the outbox has a whole-row repair (dev-01 has a shifted-row)")
        let rowName = try #require(row["document"]?.stringValue)
        let rowField = try #require(row["field"]?.stringValue)
        let rowRecord = try ReviewDocument.load(name: rowName, outbox: outbox).records[(row["form"]?.intValue ?? 1) - 1]
        #expect(try rowRecord.value(at: FieldPath(parsing: rowField)!) == .text("行修正"))
        #expect(rowField.hasPrefix((row["row"]?.stringValue ?? "?") + "."))
        // A finding was answered by correcting one of the fields it names.
        let finding = try #require(facts["finding"], "the outbox has a finding (dev-02's 执行率 disagree)")
        let findingName = try #require(finding["document"]?.stringValue)
        let findingField = try #require(finding["field"]?.stringValue)
        #expect(finding["shownMessage"]?.stringValue == finding["message"]?.stringValue)
        #expect(finding["fields"]?.arrayValue?.compactMap(\.stringValue).contains(findingField) == true)
        let findingRecord = try ReviewDocument.load(name: findingName, outbox: outbox).records[(finding["form"]?.intValue ?? 1) - 1]
        #expect(try findingRecord.value(at: FieldPath(parsing: findingField)!).logText == "77.7")
        // A wrong-typed value was refused with the command line's own message.
        if let refused = facts["refused"]?.stringValue {
            #expect(refused.contains("takes a number such as 43.5076") && refused.contains("'四十' is not one"))
        }
        // The document converted while the page was open appeared in it.
        #expect(facts["added"]?.arrayValue?.compactMap(\.stringValue) == ["dev-04"])
        for shot in ["review-serve-queue.png", "review-serve-item.png"] {
            let png = try Data(contentsOf: shots.appendingPathComponent(shot))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 30_000, "\(shot)")
        }
    }

    @Test func aStaleEditIsRefusedAndNothingIsLost() throws {
        let outbox = try outbox("formpipe-serve-stale")
        defer { try? FileManager.default.removeItem(at: outbox) }
        let server = try ReviewServerProcess(outbox: outbox, reviewer: "bob")
        let run = try BrowserScript.run(["concurrent", server.url.absoluteString])
        server.stop()
        try #require(run.status == 0, "browser: \(run.stderr.suffix(2000))")
        let facts = try JSONValueParser.parse(run.stdout)
        let refusal = try #require(facts["refusal"]?.stringValue)
        #expect(refusal.contains("changed on disk since this page loaded it"))
        #expect(refusal.contains("Your decision was not applied"))
        #expect(facts["typedKept"]?.stringValue == "B的修正")
        #expect(facts["shownAfterRefusal"]?.stringValue == "A的修正")
        #expect(facts["typedKeptAfterRefusal"]?.stringValue == "B的修正")
        #expect(facts["messageKept"]?.stringValue?.contains("changed on disk") == true)
        #expect(facts["afterReload"]?.stringValue == "B的修正")
        let item = try #require(facts["item"])
        let name = try #require(item["document"]?.stringValue)
        let field = try #require(item["field"]?.stringValue)
        // Both decisions are kept, in order: A's, then B's, made on the version that showed A's.
        let ledger = try #require(try ReviewLedger.load(from: outbox.appendingPathComponent(name)))
        let onField = ledger.decisions.filter { $0.field?.description == field }
        #expect(onField.map { $0.value?.logText } == ["A的修正", "B的修正"])
        #expect(onField.last?.previous?.logText == "A的修正")
    }

    @Test func theFiltersNarrowTheQueueByDocumentRuleAndConfidence() throws {
        let outbox = try outbox("formpipe-serve-filters")
        defer { try? FileManager.default.removeItem(at: outbox) }
        // A folder that cannot be read is named in the page with why, not dropped silently.
        let broken = outbox.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data("{".utf8).write(to: broken.appendingPathComponent(OutputFileName.manifest))
        let server = try ReviewServerProcess(outbox: outbox, reviewer: "erin")
        let run = try BrowserScript.run(["filters", server.url.absoluteString])
        server.stop()
        try #require(run.status == 0, "browser: \(run.stderr.suffix(2000))")
        let facts = try JSONValueParser.parse(run.stdout)
        // What each filter should keep, counted from the repair logs themselves: (document, rule,
        // confidence) of every repair and finding; a finding has no confidence and passes "below".
        let lines = try ["dev-01", "dev-02"].flatMap { name -> [(String, String, Double)] in
            let log = try ReviewDocument.load(name: name, outbox: outbox).log
            return log.machineRepairs.map { (name, $0.rule, $0.confidence) } + log.findings.map { (name, $0.rule, 0) }
        }
        #expect(facts["all"]?.intValue == lines.count)
        let unreadable = facts["unreadable"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(unreadable.count == 1 && unreadable.first?.contains("broken") == true, "\(unreadable)")
        let shown = { (key: String) in facts[key]?.arrayValue ?? [] }
        #expect(shown("byDocument").count == lines.filter { $0.0 == "dev-02" }.count)
        #expect(shown("byDocument").allSatisfy { $0.arrayValue?.first?.stringValue == "dev-02" })
        let rule = try #require(facts["rule"]?.stringValue)
        #expect(shown("byRule").count == lines.filter { $0.1 == rule }.count)
        #expect(shown("byRule").count < lines.count)
        #expect(shown("below").count == lines.filter { $0.2 < 0.9 }.count)
        #expect(!shown("below").isEmpty && shown("below").count < lines.count)
    }

    @Test func documentsTheDaemonConvertsAppearInTheOpenPage() async throws {
        let sandbox = try DaemonSandbox()
        try FileManager.default.createDirectory(at: sandbox.outbox, withIntermediateDirectories: true)
        _ = try Converter().convert(file: Fixtures.corpus.appendingPathComponent("dev-01.txt"), into: sandbox.outbox)
        let daemon = try sandbox.start()
        let server = try ReviewServerProcess(outbox: sandbox.outbox, reviewer: "frank")
        let run = try BrowserScript.run([
            "live", server.url.absoluteString, "--drop", Fixtures.corpus.appendingPathComponent("dev-05.txt").path,
            "--inbox", sandbox.inbox.path,
        ])
        server.stop()
        try #require(run.status == 0, "browser: \(run.stderr.suffix(2000))\n\(daemon.logText.suffix(2000))")
        let facts = try JSONValueParser.parse(run.stdout)
        #expect(facts["before"]?.arrayValue?.compactMap(\.stringValue) == ["dev-01"])
        #expect(facts["added"]?.arrayValue?.compactMap(\.stringValue) == ["dev-05"])
        #expect(facts["listed"]?.arrayValue?.compactMap(\.stringValue).sorted() == ["dev-01", "dev-05"])
        // Every repair and finding the daemon logged for the new document is in the page's queue.
        let log = try ReviewDocument.load(name: "dev-05", outbox: sandbox.outbox).log
        let logged = log.machineRepairs.count + log.findings.count
        #expect(facts["items"]?.intValue == logged && logged > 0)
        #expect(facts["progressBefore"]?.stringValue != facts["progressAfter"]?.stringValue)
        try await sandbox.waitUntil("dev-05.txt is archived") { sandbox.archived.contains("dev-05.txt") }
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func aPortInUseIsSaidInOneLine() throws {
        let outbox = try ReviewFixtures.convertedOutbox(["dev-01.txt"], label: "formpipe-serve-port")
        defer { try? FileManager.default.removeItem(at: outbox) }
        let first = try ReviewServerProcess(outbox: outbox, reviewer: "gus")
        defer { first.stop() }
        let port = try #require(first.url.port)
        let second = try ReviewProcess.formpipe(["review", "--serve", "--outbox", outbox.path, "--port", String(port)])
        #expect(second.status == 1)
        #expect(second.stderr == "formpipe: error: cannot serve on 127.0.0.1:\(port): the port is in use; "
            + "choose another with --port, or leave --port out for a free one\n")
    }

    @Test func requestsWithoutTheTokenAreRefused() throws {
        let outbox = try ReviewFixtures.convertedOutbox(["dev-01.txt"], label: "formpipe-serve-token")
        defer { try? FileManager.default.removeItem(at: outbox) }
        let server = try ReviewServerProcess(outbox: outbox, reviewer: "carol")
        let run = try BrowserScript.run(["token", server.url.absoluteString], timeout: 60)
        server.stop()
        try #require(run.status == 0, "token check: \(run.stderr.suffix(2000))")
        let facts = try JSONValueParser.parse(run.stdout)
        #expect(facts["bare"]?.arrayValue?.first?.intValue == 403)
        #expect(facts["bare"]?.arrayValue?.last?.stringValue?.contains("needs its token") == true)
        for key in ["apiWithoutToken", "wrongToken", "wrongHeader", "outboxWithoutToken"] {
            #expect(facts[key]?.intValue == 403, "\(key)")
        }
        #expect(facts["withToken"]?.arrayValue?.first?.intValue == 200)
        #expect(facts["withToken"]?.arrayValue?.last?.stringValue?.contains("SameSite=Strict") == true)
        #expect(facts["header"]?.intValue == 200)
        #expect(facts["formPost"]?.intValue == 415)
        #expect(facts["hidden"]?.intValue == 404)
        #expect(facts["traversal"]?.intValue == 404)
        #expect(try ReviewLedger.load(from: outbox.appendingPathComponent("dev-01")) == nil)
    }
}
