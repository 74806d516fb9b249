import Foundation

/// What the database must hold for an outbox, counted from the files themselves: the records,
/// repair logs and manifests the converter published.
struct OutboxExpectation {
    var documents = Set<String>()  // distinct sha256
    var forms = 0
    var funds = 0
    var indicators = 0
    var repairs = 0
    var findings = 0
    /// Per (sha256, form): the record.
    var records: [String: [String: Any]] = [:]
    /// sha256 → folder name.
    var folders: [String: String] = [:]

    init(outbox: URL) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { !$0.hasPrefix(".") }
        for name in names.sorted() {
            let folder = outbox.appendingPathComponent(name)
            guard let manifestData = try? Data(contentsOf: folder.appendingPathComponent("manifest.json")),
                  let manifest = try JSONSerialization.jsonObject(with: manifestData) as? [String: Any],
                  let sha = manifest["sha256"] as? String
            else { continue }
            // Two folders with the same bytes (two daemons, two names) are one document.
            guard documents.insert(sha).inserted else { continue }
            folders[sha] = name
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            for file in files where file.hasPrefix("form-") && file.hasSuffix(".json") {
                let record = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(file))) as? [String: Any] ?? [:]
                let number = Int(file.dropFirst(5).dropLast(5)) ?? 0
                records["\(sha)/\(number)"] = record
                forms += 1
                funds += (record["funds"] as? [Any])?.count ?? 0
                indicators += (record["indicators"] as? [Any])?.count ?? 0
            }
            let log = (try? String(contentsOf: folder.appendingPathComponent("repairs.jsonl"), encoding: .utf8)) ?? ""
            for line in log.split(separator: "\n") {
                let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
                if entry["kind"] as? String == "finding" { findings += 1 } else { repairs += 1 }
            }
        }
    }

    /// `documents forms funds indicators repairs findings` as the database counts them.
    static func databaseCounts(_ database: TestPostgres) throws -> [Int] {
        let row = try database.rows("""
            SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM forms), (SELECT count(*) FROM funds),
                   (SELECT count(*) FROM indicators), (SELECT count(*) FROM repairs), (SELECT count(*) FROM findings)
            """).first ?? ""
        return row.split(separator: "|").map { Int($0) ?? -1 }
    }

    var counts: [Int] { [documents.count, forms, funds, indicators, repairs, findings] }
}
