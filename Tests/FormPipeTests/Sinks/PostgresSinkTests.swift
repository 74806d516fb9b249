import Foundation
import Testing

/// The PostgreSQL sink against a real server: `convert` and `review` write the database, rows
/// match the records, and converting or deciding again replaces rows instead of adding them.
@Suite(.serialized)
struct PostgresSinkTests {
    /// Every rendition the converter reads quickly: OCR text, OCR HTML and born-digital PDF.
    static let inputs: [String] = Fixtures.stems.flatMap { stem in
        ["\(stem).txt", "\(stem).html", "\(stem).pdf"].map { Fixtures.corpus.appendingPathComponent($0).path }
    }

    private func sandbox(_ database: TestPostgres, folder: URL) throws -> URL {
        let config = folder.appendingPathComponent("pipeline.json")
        let settings: [String: Any] = ["postgres": try database.setting(passwordFile: folder.appendingPathComponent("pg-password"))]
        try JSONSerialization.data(withJSONObject: settings).write(to: config)
        return config
    }

    @Test func convertWritesEveryRecordOnceAndAgainReplacesThem() throws {
        let database = try TestPostgres()
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try sandbox(database, folder: folder)

        let first = try ProcessRunner.formpipe(["convert"] + Self.inputs + ["--config", config.path, "--jobs", "2"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("sink: \(Self.inputs.count) documents written to postgresql://\(database.role)@"), "\(first.stderr)")
        #expect(!first.stderr.contains(database.password))

        let expected = try OutboxExpectation(outbox: folder.appendingPathComponent("outbox"))
        #expect(expected.documents.count == Self.inputs.count)
        #expect(try OutboxExpectation.databaseCounts(database) == expected.counts)
        try expectValuesMatch(expected, database)

        // The same bytes again: the rows are replaced, not doubled.
        let again = try ProcessRunner.formpipe(["convert"] + Self.inputs + ["--config", config.path, "--jobs", "2"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try OutboxExpectation.databaseCounts(database) == expected.counts)
        #expect(try database.rows("SELECT version FROM formpipe_schema ORDER BY version") == ["1", "2", "3"])
        // Version 3: growing tables are re-analyzed every 50 % of growth, not every 10 %.
        #expect(try database.rows("SELECT count(*) FROM pg_class WHERE 'autovacuum_analyze_scale_factor=0.5' = ANY (reloptions)") == ["7"])
    }

    @Test func aReviewDecisionReplacesTheDocumentsRows() throws {
        let database = try TestPostgres()
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try sandbox(database, folder: folder)
        let input = Fixtures.corpus.appendingPathComponent("dev-02.txt").path
        #expect(try ProcessRunner.formpipe(["convert", input, "--config", config.path]).status == 0)
        let before = try OutboxExpectation.databaseCounts(database)

        let review = try ProcessRunner.formpipe(["review", "dev-02", "--set", "form-01:phone=87654321", "--accept", "--config", config.path])
        #expect(review.status == 0, "\(review.stderr)")
        #expect(try database.rows("SELECT phone FROM forms WHERE form = 1") == ["87654321"])
        #expect(try database.rows("SELECT record ->> 'phone' FROM forms WHERE form = 1") == ["87654321"])
        #expect(try database.rows("SELECT action, field FROM review_decisions ORDER BY id") == ["set|phone", "accept|"])
        #expect(try database.rows("SELECT reviewed FROM documents") == ["t"])
        // The decision adds one `reviewer` line to the repair log; nothing else changes in number.
        var after = before
        after[4] += 1
        #expect(try OutboxExpectation.databaseCounts(database) == after)
        #expect(try database.rows("SELECT count(*) FROM repairs WHERE rule = 'reviewer'") == ["1"])
        // The queue is empty: review delivered its own decision.
        let queue = folder.appendingPathComponent("work/sink/queue")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: queue.path)) ?? []).filter { !$0.hasPrefix(".") }.isEmpty)
    }

    @Test func replayLoadsAnOutboxConvertedBeforeWithItsGenericTables() throws {
        let database = try TestPostgres()
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try sandbox(database, folder: folder)
        // Converted without the sink, into another outbox.
        let outbox = folder.appendingPathComponent("earlier")
        let inputs = Fixtures.stems.map { Fixtures.corpus.appendingPathComponent("\($0).txt").path }
        #expect(try ProcessRunner.formpipe(["convert"] + inputs + ["--out", outbox.path, "--jobs", "1"]).status == 0)
        #expect(database.count("SELECT count(*) FROM documents") == 0)
        // A generic table record beside one document's forms is kept whole as JSONB.
        let withTables = try #require(try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { !$0.hasPrefix(".") && !$0.hasSuffix(".html") }.sorted().first)
        let tables = #"{"tables":[{"page":1,"rows":[["项目","金额（万元）"],["培训费",12.5]]}]}"#
        try Data(tables.utf8).write(to: outbox.appendingPathComponent(withTables).appendingPathComponent("tables.json"))

        let expected = try OutboxExpectation(outbox: outbox)
        for round in 1...2 {
            let replay = try ProcessRunner.formpipe(["sink", "--replay", outbox.path, "--config", config.path])
            #expect(replay.status == 0, "round \(round): \(replay.stderr)")
            #expect(replay.stderr.contains("sink: \(inputs.count) documents written"), "\(replay.stderr)")
            #expect(try OutboxExpectation.databaseCounts(database) == expected.counts, "round \(round)")
        }
        #expect(try database.rows("SELECT folder, tables -> 'tables' -> 0 -> 'rows' -> 1 ->> 1 FROM documents WHERE tables IS NOT NULL")
            == ["\(withTables)|12.5"])
    }

    /// A replayed outbox is written in batches; one document the server refuses spoils its batch,
    /// which is then written document by document: the refused one is set aside with its reason,
    /// every other one arrives, and none is written twice.
    @Test func aRefusedDocumentIsSetAsideAndTheRestOfItsBatchArrives() throws {
        let database = try TestPostgres()
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try sandbox(database, folder: folder)
        let outbox = folder.appendingPathComponent("earlier")
        let inputs = Fixtures.stems.map { Fixtures.corpus.appendingPathComponent("\($0).txt").path }
        #expect(try ProcessRunner.formpipe(["convert"] + inputs + ["--out", outbox.path, "--jobs", "1"]).status == 0)
        let folders = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".html") }.sorted()
        #expect(folders.count == inputs.count)
        // Valid JSON the loader cannot store: `reviewed` is not a boolean (SQL state 22P02).
        let spoiled = folders[folders.count / 2]
        try Data(#"{"reviewed":"maybe","decisions":[]}"#.utf8)
            .write(to: outbox.appendingPathComponent(spoiled).appendingPathComponent("review.json"))

        let replay = try ProcessRunner.formpipe(["sink", "--replay", outbox.path, "--config", config.path])
        #expect(replay.stderr.contains("sink: \(inputs.count - 1) documents written"), "\(replay.stderr)")
        #expect(replay.stderr.contains("1 refused"), "\(replay.stderr)")
        #expect(try database.rows("SELECT folder FROM documents ORDER BY folder") == folders.filter { $0 != spoiled })
        let rejected = folder.appendingPathComponent("work/sink/rejected")
        let names = try FileManager.default.contentsOfDirectory(atPath: rejected.path)
        let reason = try #require(names.first { $0.hasSuffix(".reason.txt") })
        #expect(names.count == 2)
        #expect(try String(contentsOf: rejected.appendingPathComponent(reason), encoding: .utf8).contains("boolean"))
        let queue = folder.appendingPathComponent("work/sink/queue")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: queue.path)) ?? []).filter { !$0.hasPrefix(".") }.isEmpty)

        // The other documents' rows match their outputs exactly: each written once.
        try FileManager.default.removeItem(at: outbox.appendingPathComponent(spoiled))
        let expected = try OutboxExpectation(outbox: outbox)
        #expect(try OutboxExpectation.databaseCounts(database) == expected.counts)
    }

    @Test func theDocumentedViewsAnswer() throws {
        let database = try TestPostgres()
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try sandbox(database, folder: folder)
        let inputs = Fixtures.stems.map { Fixtures.corpus.appendingPathComponent("\($0).txt").path }
        #expect(try ProcessRunner.formpipe(["convert"] + inputs + ["--config", config.path, "--jobs", "1"]).status == 0)
        let expected = try OutboxExpectation(outbox: folder.appendingPathComponent("outbox"))

        // Execution by department adds up the forms' 年度资金总额 rows.
        var budgets: [String: Double] = [:]
        for record in expected.records.values {
            let funds = (record["funds"] as? [[String: Any]])?.first
            budgets[record["department"] as? String ?? "", default: 0] += (funds?["annualBudget"] as? NSNumber)?.doubleValue ?? 0
        }
        let rows = try database.rows("SELECT department, annual_budget FROM execution_by_department")
        #expect(rows.count == budgets.count)
        for row in rows {
            let parts = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            #expect(abs((Double(parts[1]) ?? -1) - (budgets[parts[0]] ?? -2)) < 1e-6, "\(row)")
        }
        // Findings by rule counts what the repair logs report.
        let findings = try database.rows("SELECT sum(findings) FROM findings_by_rule")
        #expect(findings == ["\(expected.findings)"])
        let deviations = database.count("SELECT count(*) FROM indicators_with_deviation")
        let printed = expected.records.values.flatMap { ($0["indicators"] as? [[String: Any]]) ?? [] }.filter { indicator in
            guard let text = (indicator["deviation"] as? String)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return false }
            return !["无", "/", "-", "—"].contains(text)
        }
        #expect(deviations == printed.count)
    }

    /// Header fields, totals and funds rows in typed columns equal the record's values.
    private func expectValuesMatch(_ expected: OutboxExpectation, _ database: TestPostgres) throws {
        let rows = try database.rows("""
            SELECT sha256, form, coalesce(project_name, '∅'), coalesce(department, '∅'), coalesce(year::text, '∅'),
                   coalesce(total_score::text, '∅'), coalesce(executed::text, '∅')
            FROM forms ORDER BY sha256, form
            """)
        #expect(rows.count == expected.records.count)
        for row in rows {
            let parts = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let record = try #require(expected.records["\(parts[0])/\(parts[1])"], "no record for \(row)")
            #expect(parts[2] == (record["projectName"] as? String ?? "∅"), "\(row)")
            #expect(parts[3] == (record["department"] as? String ?? "∅"), "\(row)")
            #expect(parts[4] == ((record["year"] as? NSNumber).map { "\($0.intValue)" } ?? "∅"), "\(row)")
            let score = ((record["total"] as? [String: Any])?["score"] as? NSNumber)?.doubleValue
            #expect(parts[5] == "∅" ? score == nil : abs((Double(parts[5]) ?? .nan) - (score ?? .nan)) < 1e-9, "\(row)")
            let executed = ((record["funds"] as? [[String: Any]])?.first?["executed"] as? NSNumber)?.doubleValue
            #expect(parts[6] == "∅" ? executed == nil : abs((Double(parts[6]) ?? .nan) - (executed ?? .nan)) < 1e-9, "\(row)")
        }
        // Printed digits survive: the JSONB holds the number as the record wrote it.
        let raw = try database.rows("SELECT count(*) FROM funds WHERE (entry ->> 'initialBudget') IS DISTINCT FROM initial_budget::text")
        #expect(raw == ["0"])
    }
}
