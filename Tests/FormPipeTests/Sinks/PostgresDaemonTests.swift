import Foundation
import Testing

/// The daemon with the PostgreSQL sink: a database outage costs nothing (files convert and
/// archive, the rest waits in the queue and arrives after the server is back), and two daemons
/// sharing one inbox and one database never double a row.
@Suite(.serialized)
struct PostgresDaemonTests {
    private func copyInputs(_ names: [String], into sandbox: DaemonSandbox, as rename: (String) -> String = { $0 }) throws {
        for name in names {
            try sandbox.drop(rename(name), try Data(contentsOf: Fixtures.corpus.appendingPathComponent(name)))
        }
    }

    private func status(_ sandbox: DaemonSandbox) throws -> [String: Any] {
        let result = try ProcessRunner.formpipe(["status", "--json", "--config", sandbox.configFile.path])
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test func anOutageLosesNothingAndTheQueueDrainsWhenTheServerIsBack() async throws {
        let database = try TestPostgres(private: true)
        let secrets = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: secrets) }
        let sandbox = try DaemonSandbox(["postgres": try database.setting(passwordFile: secrets.appendingPathComponent("pw"))])
        let daemon = try sandbox.start()

        let first = Fixtures.stems.map { "\($0).txt" }
        try copyInputs(first, into: sandbox)
        try await sandbox.waitUntil("the first batch is in the database", timeout: .seconds(180)) {
            database.count("SELECT count(*) FROM documents") == first.count
        }

        database.halt()
        let second = Fixtures.stems.flatMap { ["\($0).html", "\($0).pdf"] }
        try copyInputs(second, into: sandbox)
        // Files still convert and archive while the database is down.
        try await sandbox.waitUntil("the second batch is archived during the outage", timeout: .seconds(240)) {
            sandbox.archived.count == first.count + second.count
        }
        let during = try status(sandbox)
        let sink = try #require(during["sink"] as? [String: Any], "status has no sink: \(during)")
        #expect(sink["waiting"] as? Int == second.count, "\(sink)")
        #expect((sink["database"] as? String)?.contains(database.database) == true)
        let text = try ProcessRunner.formpipe(["status", "--config", sandbox.configFile.path]).stdout
        #expect(text.contains("sink        \(second.count) waiting for postgresql://\(database.role)@"), "\(text)")

        database.resume()
        // Backoff is at most 60 s between tries.
        try await sandbox.waitUntil("the queue is delivered after the outage", timeout: .seconds(150)) {
            database.count("SELECT count(*) FROM documents") == first.count + second.count
        }
        try await sandbox.waitUntil("the queue is empty") {
            (try status(sandbox)["sink"] as? [String: Any])?["waiting"] as? Int == 0
        }
        let expected = try OutboxExpectation(outbox: sandbox.outbox)
        #expect(try OutboxExpectation.databaseCounts(database) == expected.counts)

        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        #expect(!daemon.events("database unreachable; converted documents wait in the sink queue").isEmpty)
        #expect(!daemon.events("database reachable again; delivering the sink queue").isEmpty)
        #expect(daemon.events("written to the database").count == first.count + second.count)
        // The password is never logged, whatever happened.
        #expect(!daemon.logText.contains(database.password))
        #expect(daemon.logText.contains("postgresql://\(database.role)@"))
    }

    @Test func anOutageInTheMiddleOfABatchLosesNothing() async throws {
        let database = try TestPostgres(private: true)
        let secrets = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: secrets) }
        let sandbox = try DaemonSandbox(["postgres": try database.setting(passwordFile: secrets.appendingPathComponent("pw"))])
        let daemon = try sandbox.start()

        // The server stops in the middle of the first batch (as soon as one document is in) and
        // stays down while a second batch arrives.
        let first = Fixtures.stems.flatMap { ["\($0).txt", "\($0).html"] }
        try copyInputs(first, into: sandbox)
        try await sandbox.waitUntil("the first batch starts arriving in the database") {
            database.count("SELECT count(*) FROM documents") >= 1
        }
        let before = database.count("SELECT count(*) FROM documents")
        database.halt()
        let second = Fixtures.stems.map { "\($0).pdf" }
        try copyInputs(second, into: sandbox)
        // Files still convert and archive while the database is down.
        try await sandbox.waitUntil("both batches are archived during the outage", timeout: .seconds(120)) {
            sandbox.archived.count == first.count + second.count
        }
        let during = try status(sandbox)
        let sink = try #require(during["sink"] as? [String: Any], "status has no sink: \(during)")
        let waiting = try #require(sink["waiting"] as? Int, "\(sink)")
        // Everything not in the database when it stopped waits: the whole second batch, and the
        // rest of the first (at most what was missing at the halt).
        #expect(waiting >= second.count && waiting <= first.count + second.count - before, "\(sink), \(before) in before the halt")
        #expect((sink["database"] as? String)?.contains(database.database) == true)
        let text = try ProcessRunner.formpipe(["status", "--config", sandbox.configFile.path]).stdout
        #expect(text.contains("sink        \(waiting) waiting for postgresql://\(database.role)@"), "\(text)")

        database.resume()
        // Backoff is at most 60 s between tries.
        try await sandbox.waitUntil("the queue is delivered after the outage", timeout: .seconds(150)) {
            database.count("SELECT count(*) FROM documents") == first.count + second.count
        }
        try await sandbox.waitUntil("the queue is empty") {
            (try status(sandbox)["sink"] as? [String: Any])?["waiting"] as? Int == 0
        }
        let expected = try OutboxExpectation(outbox: sandbox.outbox)
        #expect(try OutboxExpectation.databaseCounts(database) == expected.counts)

        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        #expect(!daemon.events("database unreachable; converted documents wait in the sink queue").isEmpty)
        #expect(!daemon.events("database reachable again; delivering the sink queue").isEmpty)
        // Every document was logged as written (one that the halt caught mid-commit may be twice).
        let written = Set(daemon.events("written to the database").compactMap { $0["formpipe.output"] })
        #expect(written.count == first.count + second.count, "\(written.sorted())")
        // The password is never logged, whatever happened.
        #expect(!daemon.logText.contains(database.password))
        #expect(daemon.logText.contains("postgresql://\(database.role)@"))
    }

    /// A daemon killed while files are converted and settled (workers are handed the next file
    /// while the last one's queue entry and archive move are still under way), with the database
    /// down so that every converted document is only in the queue: after a restart every document
    /// arrives exactly once.
    @Test func aKillDashNineBetweenConversionAndDeliveryLosesNothing() async throws {
        let database = try TestPostgres(private: true)
        let secrets = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: secrets) }
        let sandbox = try DaemonSandbox(["postgres": try database.setting(passwordFile: secrets.appendingPathComponent("pw"))])
        database.halt()
        let names = (0..<48).map { "form-\($0).txt" }
        for (index, name) in names.enumerated() { try sandbox.drop(name, CorpusInputs.text(index)) }

        let first = try sandbox.start("first")
        try await sandbox.waitUntil("some files are archived", timeout: .seconds(120)) { sandbox.archived.count >= 10 }
        first.kill(SIGKILL)
        _ = try await first.waitForExit()
        try await sandbox.waitUntil("the killed daemon's workers exit") { workers(ofParent: first.pid).isEmpty }
        let queuedAtKill = try #require((try status(sandbox)["sink"] as? [String: Any])?["waiting"] as? Int)
        // Every archived file's document waits in the queue: none was lost by the kill.
        #expect(queuedAtKill >= sandbox.archived.count, "\(queuedAtKill) queued, \(sandbox.archived.count) archived")

        database.resume()
        let second = try sandbox.start("second")
        try await sandbox.waitUntil("every file is archived", timeout: .seconds(180)) {
            sandbox.archived.count == names.count && sandbox.inWork.isEmpty
        }
        try await sandbox.waitUntil("every document is in the database", timeout: .seconds(150)) {
            database.count("SELECT count(*) FROM documents") == names.count
        }
        try await sandbox.waitUntil("the queue is empty") {
            (try status(sandbox)["sink"] as? [String: Any])?["waiting"] as? Int == 0
        }
        let expected = try OutboxExpectation(outbox: sandbox.outbox)
        #expect(expected.documents.count == names.count)
        #expect(try OutboxExpectation.databaseCounts(database) == expected.counts)
        second.kill(SIGTERM)
        #expect(try await second.waitForExit() == 0)
    }

    @Test func twoDaemonsOnOneInboxAndOneDatabaseNeverDoubleARow() async throws {
        let database = try TestPostgres()
        let secrets = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: secrets) }
        let sandbox = try DaemonSandbox([
            "postgres": try database.setting(passwordFile: secrets.appendingPathComponent("pw")), "workers": 1,
        ])
        let one = try sandbox.start("host-a")
        let two = try sandbox.start("host-b")

        // Each text input three times under different names: the same bytes meet both daemons.
        let names = Fixtures.stems.map { "\($0).txt" } + Fixtures.stems.map { "\($0).html" }
        for copy in ["a", "b", "c"] {
            try copyInputs(names, into: sandbox) { "\(copy)-\($0)" }
        }
        let total = names.count * 3
        try await sandbox.waitUntil("every copy is archived", timeout: .seconds(120)) { sandbox.archived.count == total }
        try await sandbox.waitUntil("the sink queue is empty") {
            (try status(sandbox)["sink"] as? [String: Any])?["waiting"] as? Int == 0
        }
        for daemon in [one, two] { daemon.kill(SIGTERM) }
        for daemon in [one, two] { #expect(try await daemon.waitForExit() == 0) }
        // Both daemons took files from the shared inbox.
        #expect(!one.events("claimed").isEmpty && !two.events("claimed").isEmpty)

        let expected = try OutboxExpectation(outbox: sandbox.outbox)
        #expect(expected.documents.count == names.count)
        #expect(try OutboxExpectation.databaseCounts(database) == expected.counts)
        #expect(try database.rows("SELECT count(*) FROM (SELECT sha256, form, position FROM indicators GROUP BY 1, 2, 3 HAVING count(*) > 1) d") == ["0"])
        #expect(try database.rows("SELECT count(DISTINCT sha256) FROM forms") == ["\(names.count)"])
    }
}
