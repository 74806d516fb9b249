import FormPipeCore
import FormPipeLayout
import FormPipeRecord
import FormPipeRepair

/// One repair line of `repairs.jsonl`, as review reads it: the `Repair` the converter logged (its
/// fields read through, `logged.rule`), with the line's id and text.
@dynamicMemberLookup
public struct LoggedRepair: Sendable, Equatable {
    /// `R1`, `R2`, …: the machine's repairs first, then the reviewer's.
    public var id: String
    public var repair: Repair
    /// The line as written, so the machine's lines are written back byte for byte.
    public var line: JSONValue

    public init(
        id: String, form: Int, field: String, page: Int?, bbox: BoundingBox?, rule: String, before: String,
        after: String, confidence: Double, line: JSONValue
    ) {
        self.id = id
        self.repair = Repair(
            form: form, field: field, page: page, bbox: bbox, rule: rule, before: before, after: after,
            confidence: confidence)
        self.line = line
    }

    public subscript<Value>(dynamicMember field: WritableKeyPath<Repair, Value>) -> Value {
        get { repair[keyPath: field] }
        set { repair[keyPath: field] = newValue }
    }

    /// The rule name of the lines a reviewer's decisions add.
    public static let reviewerRule = "reviewer"

    public var isReviewer: Bool { repair.rule == Self.reviewerRule }
}

/// One finding line of `repairs.jsonl`: an inconsistency the form itself prints.
public struct LoggedFinding: Sendable, Equatable {
    public var id: String
    public var form: Int
    public var rule: String
    public var fields: [String]
    public var message: String
    public var line: JSONValue
}

/// A document's `repairs.jsonl` read back: repairs (machine and reviewer) then findings.
public struct RepairLogFile: Sendable {
    public var repairs: [LoggedRepair]
    public var findings: [LoggedFinding]

    public init(repairs: [LoggedRepair] = [], findings: [LoggedFinding] = []) {
        self.repairs = repairs
        self.findings = findings
    }

    /// The repairs the pipeline made, without any reviewer's.
    public var machineRepairs: [LoggedRepair] { repairs.filter { !$0.isReviewer } }

    /// The machine repair with the lowest confidence (the first in log order among equals).
    public var weakestRepair: LoggedRepair? {
        machineRepairs.min { $0.confidence < $1.confidence }
    }

    public func repair(id: String) -> LoggedRepair? {
        repairs.first { $0.id.caseInsensitiveCompare(id) == .orderedSame }
    }

    /// Parses the file's text; `name` is used in the error only.
    public init(text: String, name: String) throws(ReviewError) {
        self.init()
        // Split the bytes, not the characters: grapheme breaking of CJK text costs more than the
        // parsing itself.
        for (offset, line) in text.utf8.split(separator: UInt8(ascii: "\n")).enumerated() {
            let value: JSONValue
            do {
                value = try JSONValueParser.parse(utf8: Array(line))
            } catch {
                throw ReviewError(.unreadableOutput, "\(name) line \(offset + 1) is not JSON: \(error)")
            }
            try append(value, line: offset + 1, name: name)
        }
    }

    /// The log of lines the converter has in memory (`DocumentConverter.Output.repairLogEntries`):
    /// what parsing their text would give, without writing and parsing it.
    public init(lines: [JSONValue], name: String) throws(ReviewError) {
        self.init()
        for (offset, value) in lines.enumerated() {
            try append(value, line: offset + 1, name: name)
        }
    }

    private mutating func append(_ value: JSONValue, line: Int, name: String) throws(ReviewError) {
        let id = value["id"]?.stringValue ?? ""
        // "form": null is the table record's (docs/tables.md); logs without the key are form 1's.
        let form = value["form"].map { $0.intValue ?? Repair.outsideForms } ?? 1
        let rule = value["rule"]?.stringValue ?? ""
        switch value["kind"]?.stringValue {
        case "repair":
            repairs.append(
                LoggedRepair(
                    id: id, form: form, field: value["field"]?.stringValue ?? "", page: value["page"]?.intValue,
                    bbox: Self.box(value["bbox"]), rule: rule, before: value["before"]?.stringValue ?? "",
                    after: value["after"]?.stringValue ?? "", confidence: value["confidence"]?.doubleValue ?? 1,
                    line: value))
        case "finding":
            findings.append(
                LoggedFinding(
                    id: id, form: form, rule: rule,
                    fields: value["fields"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    message: value["message"]?.stringValue ?? "", line: value))
        default:
            throw ReviewError(.unreadableOutput, "\(name) line \(line) is neither a repair nor a finding")
        }
    }

    /// The file's text: repairs first, then findings, as the converter writes it.
    public var text: String {
        let lines = repairs.map { $0.line.compact() } + findings.map { $0.line.compact() }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    private static func box(_ value: JSONValue?) -> BoundingBox? {
        guard let corners = value?.arrayValue?.compactMap(\.doubleValue), corners.count == 4 else { return nil }
        return BoundingBox(x0: corners[0], y0: corners[1], x1: corners[2], y1: corners[3])
    }
}

extension LoggedRepair {
    /// A confidence as the log writes it, without trailing zeros (0.95, 0.844, 1): for the review
    /// page and the `formpipe review` listing alike.
    public static func confidenceText(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
