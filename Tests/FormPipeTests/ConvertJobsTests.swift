import Foundation
import Testing
@testable import FormPipeCore
@testable import FormPipeDaemon
@testable import FormPipeEmit
@testable import FormPipePipeline

/// `formpipe convert --jobs N`: files converted in worker processes give the same outputs, errors
/// and exit status as one at a time in process; a crashed or stuck worker costs only its file.
@Suite(.serialized)
struct ConvertJobsTests {
    /// PDF, OCR text and HTML inputs, two of them wanting the same folder (`dev-02/`), and a bad file.
    private func batch(in folder: URL) throws -> [String] {
        let bad = folder.appendingPathComponent("encrypted.pdf")
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("bad/encrypted.pdf"), to: bad)
        let corpus = ["dev-01.pdf", "dev-02.txt", "dev-02.pdf", "dev-03.html", "dev-04.pdf", "dev-05.txt"]
        return corpus.map { Fixtures.corpus.appendingPathComponent($0).path } + [bad.path]
    }

    private func visibleEntries(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func parallelRecordsAreByteIdenticalToSequentialOnes() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try batch(in: folder)
        var outboxes: [URL] = []
        for jobs in [1, 2] {
            let outbox = folder.appendingPathComponent("out-\(jobs)")
            let result = try ProcessRunner.formpipe(["convert"] + files + ["--out", outbox.path, "--jobs", "\(jobs)"])
            #expect(result.status == 1, "--jobs \(jobs): \(result.stderr)")
            let errorLines = result.stderr.split(separator: "\n").filter { $0.contains("error:") }
            #expect(errorLines.count == 1, "--jobs \(jobs): \(result.stderr)")
            #expect(errorLines.first?.contains("encrypted.pdf") == true, "--jobs \(jobs): \(result.stderr)")
            #expect(result.stderr.contains("converted 6 of 7 files"), "--jobs \(jobs): \(result.stderr)")
            outboxes.append(outbox)
        }
        let sequential = try visibleEntries(outboxes[0])
        #expect(sequential == ["dev-01", "dev-02", "dev-02.pdf", "dev-03", "dev-04", "dev-05", "index.html"])
        #expect(try visibleEntries(outboxes[1]) == sequential)
        for document in sequential where document != "index.html" {
            let records = try visibleEntries(outboxes[0].appendingPathComponent(document))
                .filter { $0.hasPrefix("form-") || $0 == "repairs.jsonl" }
            #expect(records.contains("form-01.json"), "\(document): \(records)")
            for name in records {
                let one = try Data(contentsOf: outboxes[0].appendingPathComponent(document).appendingPathComponent(name))
                let two = try Data(contentsOf: outboxes[1].appendingPathComponent(document).appendingPathComponent(name))
                #expect(one == two, "\(document)/\(name) differs between --jobs 1 and --jobs 2")
            }
        }
        let staging = outboxes[1].appendingPathComponent(OutputFolderPublisher.stagingFolderName)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []).isEmpty)
    }

    @Test func theIndexListsEveryDocumentAfterAParallelBatch() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = folder.appendingPathComponent("out")
        let result = try ProcessRunner.formpipe(["convert"] + batch(in: folder) + ["--out", outbox.path, "--jobs", "2"])
        #expect(result.status == 1, "\(result.stderr)")
        let index = try String(contentsOf: outbox.appendingPathComponent("index.html"), encoding: .utf8)
        for document in ["dev-01", "dev-02", "dev-02.pdf", "dev-03", "dev-04", "dev-05"] {
            #expect(index.contains("href=\"\(document)/review.html\""), "index.html does not list \(document)")
        }
        #expect(!index.contains("encrypted"))
    }

    @Test func aWorkerToldNotToLeavesTheIndexAlone() throws {
        for flags in [[], ["--no-review-index"]] {
            let outbox = try Fixtures.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: outbox) }
            let request = WorkerProtocol.Request(id: 1, input: Fixtures.corpus.appendingPathComponent("dev-02.txt").path,
                                                 displayName: "dev-02.txt", outbox: outbox.path)
            let worker = Process()
            worker.executableURL = Fixtures.formpipeBinary
            worker.arguments = ["worker", "--parent-pid", "\(getpid())"] + flags
            let (input, output) = (Pipe(), Pipe())
            worker.standardInput = input
            worker.standardOutput = output
            worker.standardError = FileHandle.nullDevice
            try worker.run()
            try input.fileHandleForWriting.write(contentsOf: WorkerProtocol.line(request))
            try input.fileHandleForWriting.close()
            let replies = output.fileHandleForReading.readDataToEndOfFile()
            worker.waitUntilExit()
            #expect(worker.terminationStatus == 0)
            #expect(String(decoding: replies, as: UTF8.self).contains("\"summary\""))
            #expect(FileManager.default.fileExists(atPath: outbox.appendingPathComponent("dev-02/form-01.json").path))
            let hasIndex = FileManager.default.fileExists(atPath: outbox.appendingPathComponent("index.html").path)
            #expect(hasIndex == flags.isEmpty, "flags \(flags)")
        }
    }

    /// A stand-in worker: ready at once, answers every request with an error, crashes (SIGSEGV) on
    /// a file named crash*, and never answers for one named slow*.
    private func fakeWorker(in folder: URL) throws -> String {
        let script = folder.appendingPathComponent("fake-worker.sh")
        try Data(#"""
            #!/bin/sh
            echo '{"ready":{"pid":'$$',"memoryLimitMB":0}}'
            while IFS= read -r line; do
              id=$(printf '%s' "$line" | sed 's/.*"id":\([0-9]*\).*/\1/')
              case "$line" in
                *crash*) kill -SEGV $$ ;;
                *slow*) exec sleep 30 ;;
              esac
              echo '{"id":'$id',"error":{"code":"no-form","file":"f","stage":"record","reason":"fake answer","transient":false}}'
            done

            """#.utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script.path
    }

    @Test func aCrashedOrStuckWorkerFailsOnlyItsFile() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = ["a.txt", "crash.txt", "b.txt", "slow.txt", "c.txt"]
        let files = names.map { folder.appendingPathComponent($0) }
        // One worker: each file after the crash and the time-out needs a fresh one.
        let batch = ParallelBatch(workerExecutable: try fakeWorker(in: folder), jobs: 1, options: ConversionOptions(),
                                  fileTimeoutSeconds: 1)
        var outcomes: [String: Result<ConversionSummary, ConversionError>] = [:]
        var started = 0
        await batch.convert(files, into: folder.appendingPathComponent("out")) { event in
            switch event {
            case .started: started += 1
            case .finished(let file, let result): outcomes[file.lastPathComponent] = result
            }
        }
        #expect(started == names.count)
        #expect(Set(outcomes.keys) == Set(names))
        func failure(_ name: String) -> ConversionError? {
            if case .failure(let error) = outcomes[name] { return error }
            return nil
        }
        for name in ["a.txt", "b.txt", "c.txt"] {
            #expect(failure(name)?.reason == "fake answer", "\(name)")
        }
        #expect(failure("crash.txt")?.code == .workerCrashed)
        #expect(failure("crash.txt")?.description.hasPrefix("crash.txt: the worker process crashed (signal 11 (SIGSEGV))") == true,
                "\(failure("crash.txt")?.description ?? "")")
        #expect(failure("slow.txt")?.code == .timeout)
        #expect(failure("slow.txt")?.description.hasPrefix("slow.txt: conversion took longer than the 1 s limit") == true)
    }

    @Test func theSameFileNamedTwiceStaysInOneLaneInOrder() {
        #expect(ParallelBatch.serialGroups(["path:/a", "path:/b", "path:/a", "path:/c"]) == [[0, 2], [1], [3]])
        #expect(ParallelBatch.serialGroups([]) == [])
    }
}
