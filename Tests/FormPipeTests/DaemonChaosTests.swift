import Foundation
import Testing
@testable import FormPipeIntake

/// The daemon under fire: 300 files in two bursts of same-stem files (`s7.txt`, `s7.html`, `s7.pdf`),
/// names the clean-up maps to one name (`n\n3.txt` and `n_3.txt`) and bad files, while the daemon
/// is killed with SIGKILL five times and a worker five times. Afterwards: 0 lost, 0 doubled, 0
/// partial, 0 replaced — every input once in `archive/` or `failed/`, one complete output folder per
/// converted input whose manifest names that input exactly.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct DaemonChaosTests {
    private struct Input {
        var name: String
        var data: Data
        var good: Bool
    }

    private static func html(_ index: Int) throws -> Data {
        var data = try Data(contentsOf: FormPipeBinary.corpus.appendingPathComponent(String(format: "dev-%02d.html", index % 8 + 1)))
        data.append(contentsOf: Array(repeating: UInt8(ascii: "\n"), count: 1 + index / 8))
        return data
    }

    private static func pdf(_ index: Int) throws -> Data {
        var data = try CorpusInputs.pdf(index % 8 + 1)
        data.append(contentsOf: Array(repeating: UInt8(ascii: "\n"), count: 1 + index / 8))
        return data
    }

    private static func burst() throws -> [Input] {
        var inputs: [Input] = []
        for index in 0..<80 {  // same stem, three kinds: one folder each
            inputs.append(Input(name: "s\(index).txt", data: CorpusInputs.text(index), good: true))
            inputs.append(Input(name: "s\(index).html", data: try html(index), good: true))
            inputs.append(index % 4 == 0
                ? Input(name: "s\(index).pdf", data: try pdf(index), good: true)
                : Input(name: "s\(index).md", data: CorpusInputs.text(index + 500), good: true))
        }
        for index in 0..<25 {  // two names, one cleaned-up name
            inputs.append(Input(name: "n\n\(index).txt", data: CorpusInputs.text(index + 1000), good: true))
            inputs.append(Input(name: "n_\(index).txt", data: CorpusInputs.text(index + 1500), good: true))
        }
        for index in 0..<10 {
            inputs.append(Input(name: "empty-\(index).txt", data: Data(), good: false))
        }
        return inputs
    }

    @Test func burstsOfClashingNamesUnderRepeatedKillDashNineLoseReplaceAndDoubleNothing() async throws {
        let sandbox = try DaemonSandbox(["workers": 2])
        let inputs = try Self.burst()
        var done: Int { sandbox.archived.count + sandbox.failedInputs.count }
        var daemon = try sandbox.start("run-0")
        // Two bursts of 150: the second lands while the daemon restarts after its second kill, so
        // same-stem siblings clash both at once and across a crash.
        let (first, second) = (inputs.indices.filter { $0 % 2 == 0 }, inputs.indices.filter { $0 % 2 == 1 })
        for index in first { try sandbox.drop(inputs[index].name, inputs[index].data) }
        var events: [[String: String]] = []
        for round in 1...5 {
            let target = round * 45
            try await sandbox.waitUntil("round \(round): a worker is busy", timeout: .seconds(120)) {
                done >= target - 20 && !daemon.workerPIDs.isEmpty
            }
            // A worker caught converting (its retry is what the crash path must get right), else any.
            if let worker = try await daemon.busyWorkerPID() ?? daemon.workerPIDs.first { kill(worker, SIGKILL) }
            try await sandbox.waitUntil("round \(round): \(target) files are done", timeout: .seconds(120)) { done >= target }
            daemon.kill(SIGKILL)
            _ = try await daemon.waitForExit()
            let killed = daemon.pid
            try await sandbox.waitUntil("round \(round): the killed daemon's workers exit") { workers(ofParent: killed).isEmpty }
            // 0 partial at the moment of the crash: every visible output folder is complete.
            #expect(incompleteFolders(in: sandbox).isEmpty, "round \(round): \(incompleteFolders(in: sandbox))")
            events += daemon.events
            if round == 2 { for index in second { try sandbox.drop(inputs[index].name, inputs[index].data) } }
            daemon = try sandbox.start("run-\(round)")
        }
        try await sandbox.waitUntil("all 300 files are archived or failed", timeout: .seconds(180)) {
            done == 300 && sandbox.inWork.isEmpty && sandbox.names(in: sandbox.inbox).isEmpty
        }
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        events += daemon.events

        // 0 lost, 0 doubled: every content exactly once in archive/ (good) or failed/ (bad).
        let good = inputs.filter(\.good)
        let archivedContents = try sandbox.archived.map { try Data(contentsOf: sandbox.archive.appendingPathComponent($0)) }
        #expect(archivedContents.count == good.count)
        #expect(Set(archivedContents) == Set(good.map(\.data)))
        #expect(sandbox.failedInputs.count == inputs.count - good.count)
        #expect(sandbox.failedInputs.allSatisfy { $0.hasPrefix("empty-") })

        // 0 partial, 0 replaced: one complete folder per converted input, its manifest naming it exactly.
        let folders = sandbox.names(in: sandbox.outbox).subtracting(["index.html"])
        #expect(folders.count == good.count, "\(folders.count) output folders for \(good.count) converted inputs")
        let sourceOfContent = Dictionary(uniqueKeysWithValues: good.map { (FileChecksum.sha256($0.data), $0.name) })
        var sources: [String] = []
        for folder in folders {
            let url = sandbox.outbox.appendingPathComponent(folder)
            let files = sandbox.names(in: url)
            #expect(files.isSuperset(of: ["manifest.json", "repairs.jsonl", "form-01.json", "form-01.xml"]), "\(folder): \(files)")
            let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url.appendingPathComponent("manifest.json"))) as? [String: Any])
            let sha = try #require(manifest["sha256"] as? String)
            #expect(manifest["source"] as? String == sourceOfContent[sha], "\(folder) holds \(sha.prefix(12)) from \(sourceOfContent[sha] ?? "?")")
            sources.append(manifest["source"] as? String ?? "")
        }
        #expect(Set(sources).count == good.count, "two folders hold the same input")
        #expect(sandbox.names(in: sandbox.outbox.appendingPathComponent(".formpipe-staging")).isEmpty)
        #expect(events.filter { $0["message"] == "worker crashed; retrying in a fresh worker" }.count >= 1)
    }

    /// Visible output folders without their manifest, repair log or first record.
    private func incompleteFolders(in sandbox: DaemonSandbox) -> [String] {
        sandbox.names(in: sandbox.outbox).subtracting(["index.html"]).filter { folder in
            !sandbox.names(in: sandbox.outbox.appendingPathComponent(folder))
                .isSuperset(of: ["manifest.json", "repairs.jsonl", "form-01.json", "form-01.xml"])
        }.sorted()
    }
}
