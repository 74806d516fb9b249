import Foundation
import FormPipeCore
import FormPipeRecord
import FormPipeEmit

/// One line of the review overview: how much a document needs a person's eye.
public struct DocumentSummary: Sendable {
    public var name: String
    public var source: String
    public var inputKind: String
    public var forms: Int
    /// Tables in the table record (`tables.json`).
    public var tables: Int
    /// The manifest's `status`: `converted`, or `unrecognized` for tables without a known form.
    public var status: String
    /// Repairs the converter made (reviewer lines not counted).
    public var repairs: Int
    public var findings: Int
    /// Field decisions reviewers made.
    public var corrections: Int
    /// The converter's repairs a reviewer has decided (accepted, corrected or reverted).
    public var decided: Int
    /// The converter's least sure repair, the first one to check.
    public var weakest: LoggedRepair?
    public var reviewedBy: String?
    public var reviewedAt: String?

    public var isReviewed: Bool { reviewedBy != nil }
    public var isUnrecognized: Bool { status == "unrecognized" }
    public var lowestConfidence: Double? { weakest?.confidence }

    init(document: ReviewDocument, log: RepairLogFile) {
        self.init(
            name: document.name, manifest: document.manifest, log: log, ledger: document.ledger,
            forms: document.records.count)
    }

    private init(name: String, manifest: JSONValue, log: RepairLogFile, ledger: ReviewLedger?, forms: Int) {
        self.name = name
        source = manifest["source"]?.stringValue ?? name
        inputKind = manifest["inputKind"]?.stringValue ?? ""
        self.forms = forms
        tables = manifest["tables"]?.intValue ?? 0
        status = manifest["status"]?.stringValue ?? "converted"
        repairs = log.machineRepairs.count
        findings = log.findings.count
        corrections = ledger?.corrections.count ?? 0
        decided = ledger.map { ledger in log.machineRepairs.filter { ledger.decision(on: $0) != nil }.count } ?? 0
        weakest = log.weakestRepair
        reviewedBy = ledger?.acceptance?.who
        reviewedAt = ledger?.acceptance?.when
    }

    /// Reads a summary back from `json` (the index cache keeps them so).
    init?(json: JSONValue) {
        guard let name = json["document"]?.stringValue else { return nil }
        self.name = name
        source = json["source"]?.stringValue ?? name
        inputKind = json["inputKind"]?.stringValue ?? ""
        forms = json["forms"]?.intValue ?? 0
        tables = json["tables"]?.intValue ?? 0
        status = json["status"]?.stringValue ?? "converted"
        repairs = json["repairs"]?.intValue ?? 0
        findings = json["findings"]?.intValue ?? 0
        corrections = json["corrections"]?.intValue ?? 0
        // A summary cached before the count existed is read again from its folder.
        guard let decided = json["decided"]?.intValue else { return nil }
        self.decided = decided
        reviewedBy = json["reviewedBy"]?.stringValue
        reviewedAt = json["reviewedAt"]?.stringValue
        if let id = json["lowestConfidenceRepair"]?.stringValue, let confidence = json["lowestConfidence"]?.doubleValue
        {
            let form = json["lowestConfidenceForm"]?.intValue ?? 1
            let field = json["lowestConfidenceField"]?.stringValue ?? ""
            let rule = json["lowestConfidenceRule"]?.stringValue ?? ""
            weakest = LoggedRepair(
                id: id, form: form, field: field, page: nil, bbox: nil, rule: rule, before: "", after: "",
                confidence: confidence, line: .null)
        } else {
            weakest = nil
        }
    }

    /// Reads only what the overview needs (manifest, repair log, ledger), not the records, so
    /// refreshing the index stays cheap as the outbox grows.
    public static func load(folder: URL) throws(ReviewError) -> DocumentSummary {
        let name = folder.lastPathComponent
        guard
            let manifestData = FileManager.default.contents(atPath: folder.appendingPathComponent(OutputFileName.manifest).path)
        else { throw ReviewError(.unknownDocument, "\(name) has no manifest.json") }
        let manifest: JSONValue
        do {
            manifest = try JSONValueParser.parse(String(decoding: manifestData, as: UTF8.self))
        } catch {
            throw ReviewError(.unreadableOutput, "\(name)/manifest.json is not valid JSON (\(error))")
        }
        let logData =
            FileManager.default.contents(atPath: folder.appendingPathComponent(OutputFileName.repairLog).path) ?? Data()
        let log = try RepairLogFile(text: String(decoding: logData, as: UTF8.self), name: "\(name)/repairs.jsonl")
        let ledger = try ReviewLedger.load(from: folder)
        return DocumentSummary(
            name: name, manifest: manifest, log: log, ledger: ledger, forms: manifest["forms"]?.intValue ?? 0)
    }

    /// Every converted document in `outbox` (folders with a `manifest.json`; hidden folders such
    /// as the publisher's staging area are skipped), worst first, with the folders that could
    /// not be read.
    public static func all(in outbox: URL) -> (summaries: [DocumentSummary], problems: [ReviewError]) {
        var cache = SummaryCache(outbox: outbox)
        return all(in: outbox, cache: &cache)
    }

    /// As `all(in:)`, reading again only the folders that changed since `cache` saw them.
    static func all(in outbox: URL, cache: inout SummaryCache) -> (
        summaries: [DocumentSummary], problems: [ReviewError]
    ) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? []
        var summaries: [DocumentSummary] = []
        var problems: [ReviewError] = []
        var seen: Set<String> = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let folder = outbox.appendingPathComponent(name, isDirectory: true)
            guard let stamp = SummaryCache.stamp(of: folder) else { continue }  // not a document folder
            seen.insert(name)
            if let cached = cache.summary(name, stamp: stamp) {
                summaries.append(cached)
                continue
            }
            do {
                let summary = try load(folder: folder)
                cache.store(summary, stamp: stamp)
                summaries.append(summary)
            } catch {
                problems.append(error)
            }
        }
        cache.keepOnly(seen)
        return (summaries.sorted(by: worstFirst), problems)
    }

    /// Not yet reviewed before reviewed; then the lowest confidence first; then more findings,
    /// then more repairs; then by name, so the order is stable.
    public static func worstFirst(_ lhs: DocumentSummary, _ rhs: DocumentSummary) -> Bool {
        if lhs.isReviewed != rhs.isReviewed { return !lhs.isReviewed }
        let left = lhs.lowestConfidence ?? 2
        let right = rhs.lowestConfidence ?? 2
        if left != right { return left < right }
        if lhs.findings != rhs.findings { return lhs.findings > rhs.findings }
        if lhs.repairs != rhs.repairs { return lhs.repairs > rhs.repairs }
        return lhs.name < rhs.name
    }

    /// For `formpipe review --json`.
    public var json: JSONValue {
        .object([
            ("document", .string(name)),
            ("source", .string(source)),
            ("inputKind", .string(inputKind)),
            ("forms", .number(forms)),
            ("tables", .number(tables)),
            ("status", .string(status)),
            ("repairs", .number(repairs)),
            ("findings", .number(findings)),
            ("corrections", .number(corrections)),
            ("decided", .number(decided)),
            ("lowestConfidence", weakest.map { .number($0.confidence) } ?? .null),
            ("lowestConfidenceRepair", .string(weakest?.id)),
            ("lowestConfidenceForm", weakest.map { .number($0.form) } ?? .null),
            ("lowestConfidenceField", .string(weakest?.field)),
            ("lowestConfidenceRule", .string(weakest?.rule)),
            ("reviewed", .bool(isReviewed)),
            ("reviewedBy", .string(reviewedBy)),
            ("reviewedAt", .string(reviewedAt)),
        ])
    }
}
