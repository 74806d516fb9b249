import Foundation
import Testing

/// A real PostgreSQL database for one test: a fresh database owned by a fresh role that logs in
/// with a password, on the server `scripts/test.sh` starts (FORMPIPE_TEST_POSTGRES_URL), or on a
/// private server started through `scripts/test-postgres.sh` for this test alone (`private: true`,
/// the outage tests, which stop and restart it; or when no shared server was given outside CI).
/// Under CI (CI=true) a missing shared server is an error, never a skip.
final class TestPostgres: @unchecked Sendable {
    /// Superuser URL of the server, without a database.
    let serverURL: String
    let database: String
    let role: String
    let password: String
    /// The cluster folder of a private server, which this object stops and removes.
    let privateData: String?
    private let privateRoot: URL?

    static let script = FormPipeBinary.packageRoot.appendingPathComponent("scripts/test-postgres.sh").path

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    init(private wantsPrivate: Bool = false) throws {
        let environment = ProcessInfo.processInfo.environment
        let shared = environment["FORMPIPE_TEST_POSTGRES_URL"]
        if !wantsPrivate, let shared {
            serverURL = String(shared[..<(shared.lastIndex(of: "/") ?? shared.endIndex)])
            privateData = nil
            privateRoot = nil
        } else {
            if shared == nil, !wantsPrivate, environment["CI"] == "true" {
                throw Unavailable(description: "FORMPIPE_TEST_POSTGRES_URL is not set: CI must run the tests through scripts/test.sh, which starts PostgreSQL")
            }
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("formpipe-pg-\(UUID().uuidString.prefix(8))")
            let started = BlockingCommand.run("/bin/bash", [Self.script, "start", root.path])
            guard started.status == 0 else {
                throw Unavailable(description: "cannot start a test PostgreSQL server: \(started.errorOutput)")
            }
            let exports = Self.exports(started.output)
            guard let url = exports["FORMPIPE_TEST_POSTGRES_URL"], let data = exports["FORMPIPE_TEST_POSTGRES_DATA"] else {
                throw Unavailable(description: "test-postgres.sh printed no server: \(started.output)")
            }
            serverURL = String(url[..<(url.lastIndex(of: "/") ?? url.endIndex)])
            privateData = data
            privateRoot = root
        }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        database = "fp_\(suffix)"
        role = "formpipe_\(suffix)"
        password = "pw-\(UUID().uuidString)"
        try superuser("CREATE ROLE \(role) LOGIN PASSWORD '\(password)'")
        try superuser("CREATE DATABASE \(database) OWNER \(role)")
    }

    deinit {
        if let privateRoot {
            BlockingCommand.run("/bin/bash", [Self.script, "stop-all", privateRoot.path])
        } else {
            _ = try? superuser("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
            _ = try? superuser("DROP ROLE IF EXISTS \(role)")
        }
    }

    /// The URL formpipe is configured with: the test role, no password in it.
    var url: String {
        let hostPort = serverURL.replacingOccurrences(of: "postgresql://postgres@", with: "")
        return "postgresql://\(role)@\(hostPort)/\(database)"
    }

    /// Rows of a query in the test database, as the superuser, through `psql` — a reader
    /// independent of formpipe's own client. Columns separated by `|`.
    func rows(_ sql: String) throws -> [String] {
        let result = BlockingCommand.run("/usr/bin/psql", ["-X", "-qtA", "-v", "ON_ERROR_STOP=1", "\(serverURL)/\(database)", "-c", sql])
        guard result.status == 0 else { throw Unavailable(description: "psql failed on \(sql): \(result.errorOutput)") }
        return result.output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// One integer a query returns (0 when the table is not there yet).
    func count(_ sql: String) -> Int {
        do {
            return try rows(sql).first.flatMap { Int($0) } ?? 0
        } catch {
            // Said, so a wait that times out on it shows why.
            print("TestPostgres.count: \(error)")
            return 0
        }
    }

    @discardableResult
    private func superuser(_ sql: String) throws -> String {
        let result = BlockingCommand.run("/usr/bin/psql", ["-X", "-qtA", "-v", "ON_ERROR_STOP=1", "\(serverURL)/postgres", "-c", sql])
        guard result.status == 0 else { throw Unavailable(description: "psql failed on \(sql): \(result.errorOutput)") }
        return result.output
    }

    /// Stops the private server, keeping its data (an outage).
    func halt() {
        guard let privateData else { return }
        BlockingCommand.run("/bin/bash", [Self.script, "halt", privateData])
    }

    /// Starts the private server again on the same port.
    func resume() {
        guard let privateData else { return }
        BlockingCommand.run("/bin/bash", [Self.script, "resume", privateData])
    }

    /// The `postgres` setting for pipeline.json, with the password in a file beside it.
    func setting(passwordFile: URL) throws -> [String: Any] {
        try Data((password + "\n").utf8).write(to: passwordFile)
        return ["url": url, "passwordFile": passwordFile.path]
    }

    private static func exports(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { values[String(pair[0])] = String(pair[1]) }
        }
        return values
    }
}
