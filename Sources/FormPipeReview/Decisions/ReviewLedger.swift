import Foundation
import FormPipeCore
import FormPipeRecord

/// `OUTBOX/NAME/review.json`: every decision reviewers made about one document, in order, and
/// the checksum of the file they were made on.
///
/// The checksum is what lets decisions survive a reconversion: the converter re-applies the
/// ledger only when the new input has the same sha256, so corrections made for one scan are
/// never applied to a different file that happens to have the same name.
public struct ReviewLedger: Sendable {
    public static let fileName = "review.json"
    /// Where a ledger whose checksum no longer matches the input is kept, so no decision is lost.
    public static let supersededFileName = "review-superseded.json"

    public var document: String
    public var source: String
    public var sha256: String
    public var decisions: [ReviewDecision]

    public init(document: String, source: String, sha256: String, decisions: [ReviewDecision] = []) {
        self.document = document
        self.source = source
        self.sha256 = sha256
        self.decisions = decisions
    }

    /// The last `accept`, if the document has been marked reviewed.
    public var acceptance: ReviewDecision? {
        decisions.last { $0.action == .accept }
    }

    public var isReviewed: Bool { acceptance != nil }

    /// The decisions that change fields, in the order they were made.
    public var corrections: [ReviewDecision] { decisions.filter(\.changesField) }

    /// The latest applied decision on the field `repair` changed — for a repair of a whole row
    /// (`indicators[6]`), on any of the row's cells. Nil while no reviewer has looked at it.
    public func decision(on repair: LoggedRepair) -> ReviewDecision? {
        decision(onAnyOf: [repair.field], form: repair.form)
    }

    /// The latest applied decision on any of `fields` of form `form`, or on a cell of one that
    /// is a row.
    public func decision(onAnyOf fields: [String], form: Int) -> ReviewDecision? {
        decisions.last { decision in
            guard decision.problem == nil, decision.changesField, decision.form == form,
                let field = decision.field?.description
            else { return false }
            return fields.contains { field == $0 || field.hasPrefix($0 + ".") }
        }
    }

    /// The id the next decision gets.
    public var nextID: String { "D\(decisions.count + 1)" }

    public var json: JSONValue {
        .object([
            ("document", .string(document)),
            ("source", .string(source)),
            ("sha256", .string(sha256)),
            ("reviewed", .bool(isReviewed)),
            ("reviewedBy", .string(acceptance?.who)),
            ("reviewedAt", .string(acceptance?.when)),
            ("decisions", .array(decisions.map(\.json))),
        ])
    }

    public init(json: JSONValue) throws(ReviewError) {
        guard let sha256 = json["sha256"]?.stringValue else {
            throw ReviewError(.unreadableOutput, "review.json has no sha256 of the file it reviews")
        }
        self.sha256 = sha256
        document = json["document"]?.stringValue ?? ""
        source = json["source"]?.stringValue ?? ""
        decisions = []
        for decision in json["decisions"]?.arrayValue ?? [] {
            decisions.append(try ReviewDecision(json: decision))
        }
    }

    /// Reads `review.json` from a document folder; nil when the folder has none.
    public static func load(from folder: URL) throws(ReviewError) -> ReviewLedger? {
        let url = folder.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try parse(data)
    }

    static func parse(_ data: Data) throws(ReviewError) -> ReviewLedger {
        do {
            return try ReviewLedger(json: JSONValueParser.parse(String(decoding: data, as: UTF8.self)))
        } catch let error as ReviewError {
            throw error
        } catch {
            throw ReviewError(.unreadableOutput, "review.json is not valid JSON (\(error)); fix or remove it")
        }
    }
}

/// Who is deciding and when: `$USER` and the clock, replaceable in tests.
public struct Reviewer: Sendable {
    public var name: String
    public var now: @Sendable () -> Date

    public init(name: String, now: @escaping @Sendable () -> Date = Date.init) {
        self.name = name
        self.now = now
    }

    /// `$USER`, else `$LOGNAME`, else the account name of the process's user, else "unknown".
    public static var current: Reviewer {
        let environment = ProcessInfo.processInfo.environment
        let name = [environment["USER"], environment["LOGNAME"]].compactMap { $0 }.first { !$0.isEmpty }
        return Reviewer(name: name ?? accountName ?? "unknown")
    }

    private static var accountName: String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    /// The current time as ISO-8601 with the local offset (`2024-05-01T14:03:22+08:00`).
    public func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone.current
        return formatter.string(from: now())
    }
}
