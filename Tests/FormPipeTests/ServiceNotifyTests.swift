import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's notify protocol against a real datagram socket given in `NOTIFY_SOCKET`, with
/// the real binary: what systemd sees of `formpipe run` under `Type=notify` and `WatchdogSec=`.
@Suite(.serialized, .timeLimit(.minutes(4)))
struct ServiceNotifyTests {
    @Test func readyOnceWatchingThenWatchdogPingsAtHalfTheTimeoutThenStoppingOnSIGTERM() async throws {
        let sandbox = try DaemonSandbox(["rescanSeconds": 3600, "workers": 1])
        let socket = try NotifyTestSocket(abstract: false)
        let daemon = try NotifiedDaemon(sandbox, environment: ["NOTIFY_SOCKET": socket.address, "WATCHDOG_USEC": "2000000"])

        let startup = socket.receive(until: "READY=1", timeout: .seconds(90))
        let ready = try #require(startup.last, "no READY=1; log:\n\(daemon.logText)")
        #expect(ready.lines.contains("READY=1"))
        // systemd may start what depends on formpipe now, so the inbox must already be watched.
        #expect(daemon.watchedInodes().contains(try inode(of: sandbox.inbox)), "READY=1 before the inotify watch on the inbox")
        #expect(ready.status?.hasPrefix("watching \(sandbox.inbox.path) (inotify)") == true, "\(ready.text)")

        try sandbox.drop("dev-02.txt", Data(contentsOf: FormPipeBinary.corpus.appendingPathComponent("dev-02.txt")))
        let window = socket.collect(for: .seconds(6))
        // The conversion takes well under a second, or much longer on a loaded machine or under
        // AddressSanitizer: its STATUS line is waited for, not expected within the window.
        let isConverted = { (message: NotifyTestSocket.Message) in message.status?.contains("1 converted, 0 failed") == true }
        let later = window.contains(where: isConverted) ? [] : socket.receive(timeout: .seconds(90), until: isConverted)
        #expect((window + later).contains(where: isConverted), "\((window + later).map(\.text))\nlog:\n\(daemon.logText)")
        #expect(sandbox.archived == ["dev-02.txt"])

        // WATCHDOG_USEC is 2 s: a ping every second, none missing for 2 s even while converting.
        let pings = window.filter { $0.lines.contains("WATCHDOG=1") }.map(\.received)
        #expect((4...8).contains(pings.count), "\(pings.count) pings in 6 s")
        let gaps = zip(pings.dropFirst(), pings).map { $0 - $1 }
        #expect(gaps.allSatisfy { $0 < .seconds(2) }, "gaps between pings: \(gaps)")

        // Workers must not be able to speak for the daemon.
        for worker in daemon.childPIDs {
            let environment = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(worker)/environ"))) ?? Data()
            #expect(!String(decoding: environment, as: UTF8.self).contains("NOTIFY_SOCKET="), "worker \(worker) inherited NOTIFY_SOCKET")
        }

        daemon.signal(SIGTERM)
        let stopping = socket.receive(until: "STOPPING=1", timeout: .seconds(30))
        #expect(stopping.last?.lines.contains("STOPPING=1") == true, "\(stopping.map(\.text))")
        #expect(stopping.last?.status?.hasPrefix("stopping: intake closed") == true)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func abstractSocketGetsReadyAndStoppingButNoPingsForAWatchdogOfAnotherProcess() async throws {
        let sandbox = try DaemonSandbox(["workers": 1])
        let socket = try NotifyTestSocket(abstract: true)
        // WATCHDOG_PID names the process the watchdog is meant for (sd_watchdog_enabled(3)).
        let daemon = try NotifiedDaemon(
            sandbox, environment: ["NOTIFY_SOCKET": socket.address, "WATCHDOG_USEC": "200000", "WATCHDOG_PID": "1"])

        let startup = socket.receive(until: "READY=1", timeout: .seconds(90))
        #expect(startup.last?.lines.contains("READY=1") == true, "no READY=1; log:\n\(daemon.logText)")
        let quiet = socket.collect(for: .seconds(2))
        #expect(!quiet.contains { $0.lines.contains("WATCHDOG=1") }, "\(quiet.map(\.text))")
        #expect(!startup.contains { $0.lines.contains("WATCHDOG=1") })

        daemon.signal(SIGTERM)
        let stopping = socket.receive(until: "STOPPING=1", timeout: .seconds(30))
        #expect(stopping.last?.lines.contains("STOPPING=1") == true, "\(stopping.map(\.text))")
        #expect(try await daemon.waitForExit() == 0)
    }

    private func inode(of folder: URL) throws -> UInt64 {
        var info = stat()
        guard stat(folder.path, &info) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno)!) }
        return UInt64(info.st_ino)
    }
}

/// `formpipe run` started with extra environment variables (the notify socket), stderr in a log.
final class NotifiedDaemon: @unchecked Sendable {
    private let process = Process()
    private let log: URL

    init(_ sandbox: DaemonSandbox, environment: [String: String]) throws {
        log = sandbox.root.appendingPathComponent("notified-daemon.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = FormPipeBinary.url
        process.arguments = ["run", "--config", sandbox.configFile.path]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    func signal(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    func waitForExit(timeout: Duration = .seconds(60)) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Inodes the process watches with inotify: `inotify wd:1 ino:1a2b …` lines of /proc/PID/fdinfo.
    func watchedInodes() -> Set<UInt64> {
        let folder = "/proc/\(process.processIdentifier)/fdinfo"
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var inodes: Set<UInt64> = []
        for descriptor in descriptors {
            let info = (try? String(contentsOfFile: "\(folder)/\(descriptor)", encoding: .utf8)) ?? ""
            for line in info.split(separator: "\n") where line.hasPrefix("inotify wd:") {
                guard let field = line.split(separator: " ").first(where: { $0.hasPrefix("ino:") }),
                    let inode = UInt64(field.dropFirst(4), radix: 16)
                else { continue }
                inodes.insert(inode)
            }
        }
        return inodes
    }

    var childPIDs: [Int32] {
        let pid = process.processIdentifier
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task -> [Int32] in
            let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            return children.split(separator: " ").compactMap { Int32($0) }
        }
    }
}
