import Foundation
import Testing

/// `formpipe review --serve` delivers the sink queue while it runs, so what a reviewer decides in
/// the browser (queued by the same `DocumentReviewer` as the command line's decisions) reaches the
/// database without a daemon.
@Suite(.serialized)
struct ReviewServeSinkTests {
    @Test func theServerDeliversWhatWaitsInTheSinkQueue() async throws {
        let database = try TestPostgres()
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = folder.appendingPathComponent("outbox")
        // Converted without the sink: nothing in the database yet.
        let input = Fixtures.corpus.appendingPathComponent("dev-02.txt").path
        let converted = try ProcessRunner.formpipe(["convert", input, "--out", outbox.path])
        try #require(converted.status == 0, "\(converted.stderr)")
        #expect(database.count("SELECT count(*) FROM documents") == 0)

        // A decision queued while no database was set up: the queue entry the reviewer writes.
        let config = folder.appendingPathComponent("pipeline.json")
        let settings: [String: Any] = [
            "outbox": outbox.path, "work": folder.appendingPathComponent("work").path,
            "postgres": try database.setting(passwordFile: folder.appendingPathComponent("pg-password")),
        ]
        try JSONSerialization.data(withJSONObject: settings).write(to: config)
        let queue = folder.appendingPathComponent("work/sink/queue")
        try FileManager.default.createDirectory(at: queue, withIntermediateDirectories: true)
        let entry: [String: Any] = ["outbox": outbox.path, "folder": "dev-02", "id": "00000000001.000000000-1-00000001",
                                    "enqueuedAt": "2026-12-07T00:00:00Z"]
        try JSONSerialization.data(withJSONObject: entry).write(to: queue.appendingPathComponent("00000000001.000000000-1-00000001"))

        let server = try ReviewServerProcess(outbox: outbox, reviewer: "carol", extra: ["--config", config.path])
        defer { server.stop() }
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, database.count("SELECT count(*) FROM documents") == 0 {
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(database.count("SELECT count(*) FROM documents") == 1, "\(server.output)")
        #expect(database.count("SELECT count(*) FROM forms") == 2)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: queue.path)) ?? []).filter { !$0.hasPrefix(".") }.isEmpty)
        #expect(!server.output.contains(database.password))
    }
}
