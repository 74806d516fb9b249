import Foundation
import Testing

/// The built `formpipe` binary the integration tests run. `swift test` builds and links every
/// product, so it sits next to the test runner (`.build/<triple>/debug/`); from another runner the
/// package is built once with `swift build --product formpipe`.
enum FormPipeBinary {
    static let url: URL = locate()

    private static func locate() -> URL {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var candidates = [URL(fileURLWithPath: runner).deletingLastPathComponent()]
        candidates.append(candidates[0].deletingLastPathComponent())  // runner inside an .xctest bundle
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for folder in candidates {
            let binary = folder.appendingPathComponent("formpipe")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        _ = run("/usr/bin/env", ["swift", "build", "--product", "formpipe"], in: packageRoot)
        let binPath = run("/usr/bin/env", ["swift", "build", "--show-bin-path"], in: packageRoot).output
        return URL(fileURLWithPath: binPath.trimmingCharacters(in: .whitespacesAndNewlines)).appendingPathComponent("formpipe")
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let corpus = packageRoot.appendingPathComponent("Tests/FormPipeTests/Fixtures/corpus")

    /// Runs a command to completion; returns its status and stdout (stderr goes to `errorOutput`).
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in folder: URL? = nil) -> (status: Int32, output: String, errorOutput: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        guard (try? process.run()) != nil else { return (-1, "", "cannot run \(executable)") }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errorOutput = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errorOutput, as: UTF8.self))
    }
}

/// A temporary daemon home: `pipeline.json` plus its folders, removed at the end.
final class DaemonSandbox: @unchecked Sendable {
    let root: URL
    var inbox: URL { root.appendingPathComponent("inbox") }
    var outbox: URL { root.appendingPathComponent("outbox") }
    var archive: URL { root.appendingPathComponent("archive") }
    var failed: URL { root.appendingPathComponent("failed") }
    var work: URL { root.appendingPathComponent("work") }
    var configFile: URL { root.appendingPathComponent("pipeline.json") }
    private var daemons: [DaemonProcess] = []

    /// Test defaults: short settle and rescan times, JSON logs (parsed by the tests).
    init(_ settings: [String: Any] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("formpipe-daemon-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        var config: [String: Any] = [
            "settleSeconds": 0.3, "rescanSeconds": 2, "workers": 2, "logFormat": "json", "logLevel": "info",
            "shutdownGraceSeconds": 20, "fileTimeoutSeconds": 60,
        ]
        config.merge(settings) { _, new in new }
        try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys]).write(to: configFile)
    }

    deinit {
        for daemon in daemons { daemon.kill(SIGKILL) }
        try? FileManager.default.removeItem(at: root)
    }

    /// Starts `formpipe run --config …` with stderr captured in a file.
    func start(_ label: String = "daemon") throws -> DaemonProcess {
        let daemon = try DaemonProcess(configFile: configFile, log: root.appendingPathComponent("\(label)-\(daemons.count).log"))
        daemons.append(daemon)
        return daemon
    }

    func drop(_ name: String, _ data: Data) throws {
        try data.write(to: inbox.appendingPathComponent(name))
    }

    /// Non-hidden names in a folder.
    func names(in folder: URL) -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") })
    }

    var archived: Set<String> { names(in: archive) }
    /// Failed inputs (without their `.error.json` reports).
    var failedInputs: Set<String> { names(in: failed).filter { !$0.hasSuffix(".error.json") } }
    var failureReports: Set<String> { names(in: failed).filter { $0.hasSuffix(".error.json") } }
    /// Files claimed and not finished, in any session.
    var inWork: [String] {
        let claims = work.appendingPathComponent("claims")
        return names(in: claims).flatMap { session in
            names(in: claims.appendingPathComponent(session)).map { "\(session)/\($0)" }
        }
    }

    func report(for name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: failed.appendingPathComponent(name + ".error.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Every input is in `archive/` or `failed/` exactly once — under its own name, no `-2` copies —
    /// failures have their reports, and nothing is left in the inbox or `work/`.
    func expectAccountedExactlyOnce(good: Set<String>, bad: Set<String>, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(archived == good, "archive/ differs from the good inputs", sourceLocation: sourceLocation)
        #expect(failedInputs == bad, "failed/ differs from the bad inputs", sourceLocation: sourceLocation)
        #expect(failureReports == Set(bad.map { $0 + ".error.json" }), sourceLocation: sourceLocation)
        #expect(names(in: inbox).isEmpty, sourceLocation: sourceLocation)
        #expect(inWork.isEmpty, "files left in work/: \(inWork)", sourceLocation: sourceLocation)
    }

    /// Each converted file's output folder is in the outbox, complete, and nothing else is there
    /// but the review index, which lists them all.
    func expectOutputs(for events: [[String: String]], sourceLocation: SourceLocation = #_sourceLocation) {
        // A file converted just before a daemon was killed is recognised after the restart.
        let outputs = Set(events.filter { ["converted", "already converted before restart"].contains($0["message"]) }
            .compactMap { $0["formpipe.output"] })
        let folders = names(in: outbox).subtracting(["index.html"])
        #expect(folders == outputs, "outbox folders differ from the converted files' outputs", sourceLocation: sourceLocation)
        if !outputs.isEmpty {
            // Workers refresh the index when they pause (at most ~2 s behind), not per file.
            var listed: Set<String> = []
            let deadline = Date().addingTimeInterval(15)
            repeat {
                let index = (try? String(contentsOf: outbox.appendingPathComponent("index.html"), encoding: .utf8)) ?? ""
                listed = outputs.filter { index.contains("data-document=\"\($0)\"") }
                if listed == outputs { break }
                usleep(100_000)
            } while Date() < deadline
            #expect(listed == outputs, "index.html does not list every output", sourceLocation: sourceLocation)
        }
        for output in outputs {
            let files = names(in: outbox.appendingPathComponent(output))
            #expect(!files.isEmpty, "output folder \(output) is empty", sourceLocation: sourceLocation)
        }
    }

    /// Polls `condition` every 50 ms until it holds; fails the test (with the daemon logs) at `timeout`.
    func waitUntil(_ what: String, timeout: Duration = .seconds(60), sourceLocation: SourceLocation = #_sourceLocation,
                   _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        // One last look: a test resumed late (other tests' blocking work holds the few threads of a
        // 2-core machine) must judge the daemon, not the delay.
        if try condition() { return }
        let logs = daemons.map { "--- \($0.log.lastPathComponent)\n" + $0.logText.split(separator: "\n").suffix(15).joined(separator: "\n") }
        Issue.record("timed out waiting until \(what)\n\(logs.joined(separator: "\n"))", sourceLocation: sourceLocation)
        throw WaitTimedOut()
    }

    struct WaitTimedOut: Error {}
}

/// A running `formpipe run`.
final class DaemonProcess: @unchecked Sendable {
    let process = Process()
    let log: URL

    init(configFile: URL, log: URL) throws {
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = FormPipeBinary.url
        process.arguments = ["run", "--config", configFile.path]
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func kill(_ signal: Int32) {
        if process.isRunning { _ = Foundation.kill(pid, signal) }
    }

    /// The exit status, or nil if it did not exit within `timeout`.
    func waitForExit(timeout: Duration = .seconds(120)) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// The JSON log lines, as flat string dictionaries.
    var events: [[String: String]] {
        logText.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: String]
        }
    }

    func events(_ message: String) -> [[String: String]] { events.filter { $0["message"] == message } }

    /// CPU time a process has used (user + system, clock ticks), from /proc/PID/stat; nil once it
    /// is gone. An idle worker uses none: a rising count is the surest sign that it is converting,
    /// whatever the load on the machine makes of wall-clock pauses.
    static func cpuTicks(of pid: Int32) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name start at field 3 (state); utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }

    /// A worker that is using CPU now (converting), or nil if none is within `tries` short looks.
    func busyWorkerPID(tries: Int = 40) async throws -> Int32? {
        for _ in 0..<tries {
            let before = Dictionary(workerPIDs.map { ($0, Self.cpuTicks(of: $0) ?? 0) }, uniquingKeysWith: { a, _ in a })
            try await Task.sleep(for: .milliseconds(30))
            let busy = before.compactMap { pid, ticks -> (Int32, Int)? in
                guard let now = Self.cpuTicks(of: pid), now > ticks else { return nil }
                return (pid, now - ticks)
            }
            if let pid = busy.max(by: { $0.1 < $1.1 })?.0 { return pid }
        }
        return nil
    }

    /// The worker processes (the daemon's children), from /proc.
    var workerPIDs: [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task -> [Int32] in
            let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            return children.split(separator: " ").compactMap { Int32($0) }
        }
    }
}

/// Real corpus inputs made unique (trailing blank lines change the SHA-256, not the form), so a
/// burst is converted rather than recognised as duplicates.
enum CorpusInputs {
    static let texts: [Data] = {
        let seed = (try? FileManager.default.contentsOfDirectory(atPath: FormPipeBinary.corpus.appendingPathComponent("seed").path)) ?? []
        let files = (1...8).map { FormPipeBinary.corpus.appendingPathComponent(String(format: "dev-%02d.txt", $0)) }
            + seed.filter { $0.hasSuffix(".txt") }.sorted().map { FormPipeBinary.corpus.appendingPathComponent("seed/\($0)") }
        return files.compactMap { try? Data(contentsOf: $0) }
    }()

    static func text(_ index: Int) -> Data {
        var data = texts[index % texts.count]
        data.append(contentsOf: Array(repeating: UInt8(ascii: "\n"), count: 1 + index / texts.count))
        return data
    }

    /// A born-digital corpus PDF (`dev-0N.pdf`).
    static func pdf(_ number: Int) throws -> Data {
        try Data(contentsOf: FormPipeBinary.corpus.appendingPathComponent(String(format: "dev-%02d.pdf", number)))
    }

    static let pngNamedPDF = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64))
}
