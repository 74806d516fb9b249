import Foundation
import Testing

/// The real daemon given files that hold tables but no known form: archived, not failed, with a
/// warning in the log and the table record in the outbox; a letter without any table still fails.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct DaemonUnrecognizedTests {
    @Test func aTableWithoutAFormIsArchivedWithAWarning() async throws {
        let tables = FormPipeBinary.packageRoot.appendingPathComponent("Tests/FormPipeTests/Fixtures/tables")
        let sandbox = try DaemonSandbox()
        let daemon = try sandbox.start()
        try sandbox.drop("training-costs.html", try Data(contentsOf: tables.appendingPathComponent("training-costs.html")))
        try sandbox.drop("goal-declaration.txt", try Data(contentsOf: tables.appendingPathComponent("goal-declaration.txt")))
        try sandbox.drop("form.txt", CorpusInputs.text(2))
        try sandbox.drop("letter.txt", Data("会议纪要\n明天开会。\n".utf8))
        try await sandbox.waitUntil("all four files are archived or failed") {
            sandbox.archived.count + sandbox.failedInputs.count == 4 && sandbox.inWork.isEmpty
        }
        sandbox.expectAccountedExactlyOnce(
            good: ["training-costs.html", "goal-declaration.txt", "form.txt"], bad: ["letter.txt"])
        #expect(try sandbox.report(for: "letter.txt")["code"] as? String == "no-form")

        // The log line follows the move into archive/.
        try await sandbox.waitUntil("the outcomes are logged") {
            daemon.events("unrecognized").count == 2 && daemon.events("converted").count == 1
        }
        let warnings = daemon.events("unrecognized")
        #expect(Set(warnings.compactMap { $0["formpipe.file"] }) == ["training-costs.html", "goal-declaration.txt"])
        #expect(warnings.allSatisfy { $0["level"] == "warning" && $0["formpipe.tables"] == "1" })
        #expect(daemon.events("converted").compactMap { $0["formpipe.file"] } == ["form.txt"])
        for name in ["training-costs", "goal-declaration"] {
            let folder = sandbox.outbox.appendingPathComponent(name)
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
            #expect((manifest as? [String: Any])?["status"] as? String == "unrecognized", "\(name)")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("tables.json").path), "\(name)")
        }
        try await sandbox.waitUntil("index.html lists the unrecognized files") {
            let index = (try? String(contentsOf: sandbox.outbox.appendingPathComponent("index.html"), encoding: .utf8)) ?? ""
            return index.contains("training-costs") && index.contains("goal-declaration") && index.contains("unrecognized")
        }
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }
}
