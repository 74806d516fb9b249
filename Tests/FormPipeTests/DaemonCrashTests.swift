import Foundation
import Testing

/// Workers die of fatal signals (the Swift backtracer must not keep them alive), the daemon reports
/// the signal, and the file gets one more try in a fresh worker before it fails.
@Suite(.serialized)
struct DaemonCrashTests {
    /// An image-only scan: Tesseract takes seconds on it, time enough to kill the worker converting it.
    private static let scan = FormPipeBinary.corpus.appendingPathComponent("dev-01.scan.pdf")

    private func busyWorker(_ daemon: DaemonProcess, startedBefore: Int, sandbox: DaemonSandbox) async throws -> Int32 {
        try await sandbox.waitUntil("a worker is started") { daemon.events("worker started").count > startedBefore }
        return try #require(daemon.events("worker started").last?["formpipe.worker.pid"].flatMap { Int32($0) })
    }

    /// Until the worker has used a tenth of a second of CPU: it holds the file then (an idle worker
    /// killed is only replaced, which is not the crash path under test).
    private func waitUntilConverting(_ worker: Int32, sandbox: DaemonSandbox) async throws {
        let start = DaemonProcess.cpuTicks(of: worker) ?? 0
        try await sandbox.waitUntil("worker \(worker) is converting", timeout: .seconds(120)) {
            (DaemonProcess.cpuTicks(of: worker) ?? 0) >= start + 10
        }
    }

    @Test func aWorkerKilledWithSIGSEGVIsReportedAndItsFileConvertedInAFreshOne() async throws {
        let sandbox = try DaemonSandbox(["workers": 1])
        let daemon = try sandbox.start()
        let first = try await busyWorker(daemon, startedBefore: 0, sandbox: sandbox)
        try sandbox.drop("scan.pdf", Data(contentsOf: Self.scan))
        try await sandbox.waitUntil("scan.pdf is claimed") { !daemon.events("claimed").isEmpty }
        try await waitUntilConverting(first, sandbox: sandbox)
        #expect(kill(first, SIGSEGV) == 0)
        try await sandbox.waitUntil("scan.pdf is archived", timeout: .seconds(120)) { sandbox.archived.contains("scan.pdf") }
        let retry = try #require(daemon.events("worker crashed; retrying in a fresh worker").first)
        #expect(retry["formpipe.reason"] == "signal 11 (SIGSEGV)")
        #expect(sandbox.names(in: sandbox.outbox).contains("scan"))
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func aFileWhoseWorkerCrashesTwiceFailsNamingTheSignal() async throws {
        let sandbox = try DaemonSandbox(["workers": 1])
        let daemon = try sandbox.start()
        let first = try await busyWorker(daemon, startedBefore: 0, sandbox: sandbox)
        try sandbox.drop("scan.pdf", Data(contentsOf: Self.scan))
        try await sandbox.waitUntil("scan.pdf is claimed") { !daemon.events("claimed").isEmpty }
        try await waitUntilConverting(first, sandbox: sandbox)
        #expect(kill(first, SIGSEGV) == 0)
        let second = try await busyWorker(daemon, startedBefore: 1, sandbox: sandbox)
        try await waitUntilConverting(second, sandbox: sandbox)
        #expect(kill(second, SIGABRT) == 0)
        try await sandbox.waitUntil("scan.pdf failed") { sandbox.failedInputs.contains("scan.pdf") }
        let report = try sandbox.report(for: "scan.pdf")
        #expect(report["code"] as? String == "worker-crashed")
        #expect(report["attempts"] as? Int == 2)
        #expect((report["worker"] as? [String: Any])?["signal"] as? Int == Int(SIGABRT))
        let reason = try #require(report["reason"] as? String)
        #expect(reason.contains("signal 6 (SIGABRT)") && reason.contains("also when retried in a fresh worker"), "\(reason)")
        #expect(!reason.contains("\n"))
        #expect(!sandbox.names(in: sandbox.outbox).contains("scan"), "a failed file leaves no output folder")
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func aWorkerOutOfItsMemoryLimitFailsItsFileOnceNamingTheLimit() async throws {
        // Tesseract needs more than 256 MB of address space for a page scan: it throws bad_alloc and aborts.
        let sandbox = try DaemonSandbox(["workers": 1, "workerMemoryMB": 256])
        let daemon = try sandbox.start()
        try sandbox.drop("scan.pdf", Data(contentsOf: Self.scan))
        try await sandbox.waitUntil("scan.pdf failed", timeout: .seconds(120)) { sandbox.failedInputs.contains("scan.pdf") }
        let report = try sandbox.report(for: "scan.pdf")
        #expect(report["code"] as? String == "memory-limit")
        #expect(report["attempts"] as? Int == 1, "a fresh worker has the same limit: not retried")
        let reason = try #require(report["reason"] as? String)
        #expect(reason.hasPrefix("the worker ran out of its 256 MB memory limit") && reason.hasSuffix("raise workerMemoryMB in pipeline.json if the file is legitimately large"), "\(reason)")
        #expect(daemon.events("worker crashed; retrying in a fresh worker").isEmpty)
        #expect(!sandbox.names(in: sandbox.outbox).contains("scan"), "a failed file leaves no output folder")
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }
}
