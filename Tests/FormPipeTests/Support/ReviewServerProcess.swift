import Foundation

/// `formpipe review --serve` running as a real process on a port the system picks, for the
/// browser tests; `stop()` sends SIGINT, as Ctrl-C would.
final class ReviewServerProcess {
    let process = Process()
    let url: URL
    private let log: URL

    init(outbox: URL, reviewer: String, extra: [String] = []) throws {
        log = outbox.deletingLastPathComponent().appendingPathComponent("serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.executableURL = Fixtures.formpipeBinary
        process.arguments = ["review", "--serve", "--outbox", outbox.path, "--port", "0", "--reviewer", reviewer] + extra
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try output.close()
        let deadline = Date().addingTimeInterval(60)
        var found: URL?
        while found == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            found = text.split(separator: "\n").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.hasPrefix("http://") }.flatMap(URL.init(string:))
            if found == nil { usleep(50_000) }
        }
        guard let found else {
            process.terminate()
            throw ServerDidNotStart(output: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }
        url = found
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Stops the server as Ctrl-C does; its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.interrupt() }
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: log)
        return process.terminationStatus
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        var output: String
        var description: String { "formpipe review --serve printed no URL: \(output)" }
    }
}

/// `Tests/browser/review_serve.py`, which drives headless Chromium through Selenium (Debian's
/// python3-selenium and chromium-driver; the system Python, where Debian installs them).
enum BrowserScript {
    static let path = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("browser/review_serve.py")

    static func run(_ arguments: [String], timeout: TimeInterval = 240) throws -> ProcessResult {
        try ReviewProcess.run(
            URL(fileURLWithPath: "/usr/bin/python3"), [path.path] + arguments, timeout: timeout)
    }
}
