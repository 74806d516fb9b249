import Foundation
import Testing

/// End-to-end: the real `formpipe` binary as a daemon on temporary folders with real corpus files.
/// Every wait polls the folders with a deadline; no test asserts on timing.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct DaemonIntegrationTests {
    @Test func burstOf200FilesIsAccountedExactlyOnce() async throws {
        let sandbox = try DaemonSandbox()
        let daemon = try sandbox.start()
        var good: Set<String> = [], bad: Set<String> = []
        for index in 0..<200 {
            switch index % 25 {
            case 7:
                try sandbox.drop("empty-\(index).txt", Data())
                bad.insert("empty-\(index).txt")
            case 19:
                try sandbox.drop("image-\(index).pdf", CorpusInputs.pngNamedPDF)
                bad.insert("image-\(index).pdf")
            case 3:
                let pdf = index / 25 + 1  // born-digital PDFs dev-01 … dev-08
                try sandbox.drop("doc-\(pdf).pdf", try CorpusInputs.pdf(pdf))
                good.insert("doc-\(pdf).pdf")
            default:
                try sandbox.drop("form-\(index).txt", CorpusInputs.text(index))
                good.insert("form-\(index).txt")
            }
        }
        try await sandbox.waitUntil("all 200 files are archived or failed", timeout: .seconds(150)) {
            sandbox.archived.count + sandbox.failedInputs.count == 200 && sandbox.inWork.isEmpty
        }
        sandbox.expectAccountedExactlyOnce(good: good, bad: bad)
        sandbox.expectOutputs(for: daemon.events)
        #expect(daemon.events("converted").count == good.count)
        #expect(daemon.events("failed").count == bad.count)
        for name in bad {
            let report = try sandbox.report(for: name)
            #expect((report["reason"] as? String)?.isEmpty == false)
            #expect(report["code"] as? String == (name.hasPrefix("empty") ? "empty" : "not-supported"))
        }
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func aFileWrittenSlowlyIsNotTakenUntilItIsComplete() async throws {
        let sandbox = try DaemonSandbox(["settleSeconds": 1.5])
        let daemon = try sandbox.start()
        let content = CorpusInputs.text(3)
        let path = sandbox.inbox.appendingPathComponent("slow.txt")
        _ = FileManager.default.createFile(atPath: path.path, contents: nil)
        let handle = try FileHandle(forWritingTo: path)
        let chunkSize = content.count / 8 + 1
        for start in stride(from: 0, to: content.count, by: chunkSize) {
            try handle.write(contentsOf: content[start..<min(start + chunkSize, content.count)])
            try await Task.sleep(for: .milliseconds(400))  // the writer's pace, well under the settle time
            #expect(FileManager.default.fileExists(atPath: path.path), "taken while still being written")
        }
        try handle.close()
        try await sandbox.waitUntil("slow.txt is archived") { sandbox.archived.contains("slow.txt") }
        #expect(try Data(contentsOf: sandbox.archive.appendingPathComponent("slow.txt")) == content)
        #expect(daemon.events("claimed").count == 1)
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    /// A PDF copied in two parts with a pause longer than the settle time: without its %%EOF trailer
    /// it is not taken during the pause.
    @Test func aPDFIsNotTakenBeforeItsTrailerArrives() async throws {
        let sandbox = try DaemonSandbox(["settleSeconds": 0.3])
        let daemon = try sandbox.start()
        let pdf = try Data(contentsOf: FormPipeBinary.corpus.appendingPathComponent("dev-01.pdf"))
        let path = sandbox.inbox.appendingPathComponent("copied.pdf")
        try pdf.prefix(pdf.count / 2).write(to: path)
        try await Task.sleep(for: .seconds(1.2))  // > 3 settle periods, < the 3 s wait for a trailer
        #expect(FileManager.default.fileExists(atPath: path.path), "a PDF without %%EOF was taken early")
        let handle = try FileHandle(forWritingTo: path)
        try handle.seekToEnd()
        try handle.write(contentsOf: pdf.dropFirst(pdf.count / 2))
        try handle.close()
        try await sandbox.waitUntil("copied.pdf is archived or failed") {
            sandbox.archived.contains("copied.pdf") || sandbox.failedInputs.contains("copied.pdf")
        }
        let finalFolder = sandbox.archived.contains("copied.pdf") ? sandbox.archive : sandbox.failed
        #expect(try Data(contentsOf: finalFolder.appendingPathComponent("copied.pdf")) == pdf)
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func killDashNineMidBurstThenRestartAccountsForEveryFileOnce() async throws {
        let sandbox = try DaemonSandbox()
        var good: Set<String> = [], bad: Set<String> = []
        for index in 0..<60 {
            let isBad = index % 15 == 4
            let name = isBad ? "bad-\(index).pdf" : "form-\(index).txt"
            try sandbox.drop(name, isBad ? CorpusInputs.pngNamedPDF : CorpusInputs.text(index))
            if isBad { bad.insert(name) } else { good.insert(name) }
        }
        for pdf in 1...4 {  // slower conversions: more chances to kill a worker mid-file
            try sandbox.drop("doc-\(pdf).pdf", try CorpusInputs.pdf(pdf))
            good.insert("doc-\(pdf).pdf")
        }
        let first = try sandbox.start("first")
        try await sandbox.waitUntil("some files are done") { sandbox.archived.count + sandbox.failedInputs.count >= 8 }
        first.kill(SIGKILL)
        _ = try await first.waitForExit()
        try await sandbox.waitUntil("the killed daemon's workers exit") { workers(ofParent: first.pid).isEmpty }

        let second = try sandbox.start("second")
        try await sandbox.waitUntil("all 64 files are archived or failed") {
            sandbox.archived.count + sandbox.failedInputs.count == 64 && sandbox.inWork.isEmpty
        }
        #expect(sandbox.names(in: sandbox.outbox.appendingPathComponent(".formpipe-staging")).isEmpty,
                "a killed worker's half-built output folder was left behind")
        sandbox.expectAccountedExactlyOnce(good: good, bad: bad)
        sandbox.expectOutputs(for: first.events + second.events)
        second.kill(SIGTERM)
        #expect(try await second.waitForExit() == 0)
    }

    @Test func twoDaemonsOnOneInboxNeverTakeTheSameFile() async throws {
        let sandbox = try DaemonSandbox(["workers": 1])
        var good: Set<String> = [], bad: Set<String> = []
        for index in 0..<80 {
            let isBad = index % 20 == 11
            let name = isBad ? "empty-\(index).txt" : "form-\(index).txt"
            try sandbox.drop(name, isBad ? Data() : CorpusInputs.text(index))
            if isBad { bad.insert(name) } else { good.insert(name) }
        }
        let one = try sandbox.start("one")
        let two = try sandbox.start("two")
        try await sandbox.waitUntil("all 80 files are archived or failed") {
            sandbox.archived.count + sandbox.failedInputs.count == 80 && sandbox.inWork.isEmpty
        }
        sandbox.expectAccountedExactlyOnce(good: good, bad: bad)
        let outcomes = (one.events + two.events).filter { ["converted", "failed", "duplicate"].contains($0["message"]) }
        #expect(outcomes.count == 80, "some file was processed twice or not at all")
        #expect(Set(outcomes.compactMap { $0["formpipe.file"] }) == good.union(bad))
        sandbox.expectOutputs(for: one.events + two.events)
        one.kill(SIGTERM)
        two.kill(SIGTERM)
        #expect(try await one.waitForExit() == 0)
        #expect(try await two.waitForExit() == 0)
    }

    @Test func sigtermDrainsFilesInFlightAndExitsZero() async throws {
        let sandbox = try DaemonSandbox(["workers": 1])
        let daemon = try sandbox.start()
        let names = (0..<30).map { "form-\($0).txt" }
        for (index, name) in names.enumerated() { try sandbox.drop(name, CorpusInputs.text(index)) }
        try await sandbox.waitUntil("the first file is archived") { !sandbox.archived.isEmpty }
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        #expect(sandbox.inWork.isEmpty, "a file in flight was abandoned: \(sandbox.inWork)")
        let everywhere = [sandbox.archived, sandbox.failedInputs, sandbox.names(in: sandbox.inbox)]
        #expect(everywhere.reduce(0) { $0 + $1.count } == names.count)
        #expect(everywhere.reduce(Set()) { $0.union($1) } == Set(names))
        #expect(daemon.events("stopped").count == 1)
        #expect(workers(ofParent: daemon.pid).isEmpty)
    }

    @Test func symlinksOddNamesPartialNamesSizeLimitCollisionsAndDuplicates() async throws {
        let sandbox = try DaemonSandbox(["maxFileMB": 1])
        let outside = sandbox.root.appendingPathComponent("outside.txt")
        try CorpusInputs.text(0).write(to: outside)
        try FileManager.default.createSymbolicLink(at: sandbox.inbox.appendingPathComponent("link.txt"), withDestinationURL: outside)
        let odd = ["with space.txt", "中文 表格.txt", "-leading-dash.txt", "--.txt"]
        for (index, name) in odd.enumerated() { try sandbox.drop(name, CorpusInputs.text(index + 1)) }
        let partial: Set = [".hidden.txt", "x.txt.part", "~$lock.txt", "y.pdf.crdownload", "z.tmp", "w.filepart"]
        for name in partial { try sandbox.drop(name, CorpusInputs.text(7)) }
        var big = Data()
        while big.count < 1_200_000 { big.append(CorpusInputs.text(0)) }
        try sandbox.drop("big.txt", big)
        let daemon = try sandbox.start()

        try await sandbox.waitUntil("odd names are archived, the link and the big file failed") {
            sandbox.archived == Set(odd) && sandbox.failedInputs == ["link.txt", "big.txt"]
        }
        let link = try FileManager.default.attributesOfItem(atPath: sandbox.failed.appendingPathComponent("link.txt").path)
        #expect(link[.type] as? FileAttributeType == .typeSymbolicLink, "the link itself moves, not its target")
        #expect(try Data(contentsOf: outside) == CorpusInputs.text(0))
        #expect(try sandbox.report(for: "link.txt")["code"] as? String == "symlink")
        #expect(try sandbox.report(for: "big.txt")["code"] as? String == "too-large")
        #expect((try sandbox.report(for: "big.txt")["reason"] as? String)?.contains("maxFileMB") == true)
        #expect(sandbox.names(in: sandbox.inbox).union([".hidden.txt"]) == partial)
        sandbox.expectOutputs(for: daemon.events)

        try sandbox.drop("again.txt", CorpusInputs.text(30))
        try await sandbox.waitUntil("again.txt is archived") { sandbox.archived.contains("again.txt") }
        try sandbox.drop("again.txt", CorpusInputs.text(31))
        try await sandbox.waitUntil("the second again.txt is archived beside the first") { sandbox.archived.contains("again-2.txt") }
        #expect(try Data(contentsOf: sandbox.archive.appendingPathComponent("again.txt")) == CorpusInputs.text(30))

        try sandbox.drop("copy of space.txt", CorpusInputs.text(1))
        try await sandbox.waitUntil("the copy is archived") { sandbox.archived.contains("copy of space.txt") }
        let duplicate = try #require(daemon.events("duplicate").first)
        #expect(duplicate["formpipe.duplicateOf"] == "with space.txt")

        let status = FormPipeBinary.run(FormPipeBinary.url.path, ["status", "--json", "--config", sandbox.configFile.path])
        #expect(status.status == 0)
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
        #expect(counts["done"] as? Int == sandbox.archived.count)
        #expect(counts["failed"] as? Int == 2)
        #expect(counts["waiting"] as? Int == 0)
        #expect(counts["daemonsRunning"] as? Int == 1)
        #expect((counts["lastFailures"] as? [Any])?.count == 2)
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    /// A conversion that never ends: the worker is frozen with SIGSTOP, so the file outlasts the time
    /// limit whatever the machine's speed. The daemon kills the worker, fails the file, starts a new
    /// worker and converts the next file.
    @Test func aFileOverTheTimeLimitFailsAndTheDaemonCarriesOn() async throws {
        let sandbox = try DaemonSandbox(["workers": 1, "fileTimeoutSeconds": 2])
        let daemon = try sandbox.start()
        try await sandbox.waitUntil("the worker is ready") { !daemon.events("worker started").isEmpty }
        let frozen = try #require(daemon.events("worker started").first?["formpipe.worker.pid"].flatMap { Int32($0) })
        #expect(kill(frozen, SIGSTOP) == 0)
        try sandbox.drop("hang.txt", CorpusInputs.text(2))
        try await sandbox.waitUntil("hang.txt failed") { sandbox.failedInputs.contains("hang.txt") }
        let report = try sandbox.report(for: "hang.txt")
        #expect(report["code"] as? String == "timeout")
        #expect((report["reason"] as? String)?.contains("2 s limit") == true)
        #expect((report["worker"] as? [String: Any])?["signal"] as? Int == 9)

        try sandbox.drop("after.txt", CorpusInputs.text(3))
        try await sandbox.waitUntil("after.txt is archived") { sandbox.archived.contains("after.txt") }
        #expect(!daemon.workerPIDs.contains(frozen))
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func pollingOnlyModeFindsFilesWithoutInotify() async throws {
        let sandbox = try DaemonSandbox(["pollingOnly": true, "rescanSeconds": 0.3])
        let daemon = try sandbox.start()
        let names = Set((0..<5).map { "polled-\($0).txt" })
        for (index, name) in names.sorted().enumerated() { try sandbox.drop(name, CorpusInputs.text(index + 40)) }
        try await sandbox.waitUntil("all polled files are archived") { sandbox.archived == names }
        #expect(daemon.events("started").first?["formpipe.watch"] == "polling")
        daemon.kill(SIGINT)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func workersAreRecycledAfterTheirQuota() async throws {
        let sandbox = try DaemonSandbox(["workers": 1, "workerRecycleAfter": 2])
        let daemon = try sandbox.start()
        let names = Set((0..<5).map { "recycled-\($0).txt" })
        for (index, name) in names.sorted().enumerated() { try sandbox.drop(name, CorpusInputs.text(index + 50)) }
        try await sandbox.waitUntil("all files are archived") { sandbox.archived == names }
        let started = Set(daemon.events("worker started").compactMap { $0["formpipe.worker.pid"] })
        #expect(started.count >= 3, "5 files at 2 per worker need at least 3 workers, saw \(started)")
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        #expect(workers(ofParent: daemon.pid).isEmpty)
    }

    @Test(arguments: [
        (#"{"workers": "two"}"#, "'workers' must be a whole number"),
        (#"{"outbox": "inbox/out"}"#, "'outbox'"),
        (#"{"retries": 3}"#, "'retries' is not a setting"),
    ])
    func badConfigurationExitsTwoWithOneLineAndStartsNothing(settings: String, message: String) throws {
        let sandbox = try DaemonSandbox(try #require(try JSONSerialization.jsonObject(with: Data(settings.utf8)) as? [String: Any]))
        for command in [["check-config"], ["run"], ["status"]] {
            let result = FormPipeBinary.run(FormPipeBinary.url.path, command + ["--config", sandbox.configFile.path])
            #expect(result.status == 2, "\(command)")
            #expect(result.errorOutput.contains(message), "\(command): \(result.errorOutput)")
            #expect(result.errorOutput.split(separator: "\n").count == 1)
        }
        // Without a subcommand the daemon runs with ./pipeline.json.
        let bare = FormPipeBinary.run(FormPipeBinary.url.path, [], in: sandbox.root)
        #expect(bare.status == 2 && bare.errorOutput.contains(message))
        for folder in [sandbox.outbox, sandbox.archive, sandbox.failed, sandbox.work] {
            #expect(!FileManager.default.fileExists(atPath: folder.path), "\(folder.lastPathComponent) was created")
        }
    }

    @Test func checkConfigAcceptsTheDefaultsAndAMissingFileIsExplained() throws {
        let sandbox = try DaemonSandbox()
        let good = FormPipeBinary.run(FormPipeBinary.url.path, ["check-config", "--config", sandbox.configFile.path])
        #expect(good.status == 0 && good.output.contains("OK"))
        let repository = FormPipeBinary.run(FormPipeBinary.url.path, ["check-config"], in: FormPipeBinary.packageRoot)
        #expect(repository.status == 0, "the repository's pipeline.json: \(repository.errorOutput)")
        let missing = FormPipeBinary.run(FormPipeBinary.url.path, ["check-config"], in: sandbox.inbox)
        #expect(missing.status == 2 && missing.errorOutput.contains("not found"))
    }
}

/// Live `formpipe worker` processes started by `parent` (found by their `--parent-pid` argument,
/// which survives the parent's death, unlike the parent link).
func workers(ofParent parent: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        guard let flag = arguments.firstIndex(of: "--parent-pid"), flag + 1 < arguments.count else { return false }
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: " ").dropFirst(2).first
        return arguments[flag + 1] == "\(parent)" && state != "Z"
    }
}
