import FormPipeCore
import FormPipeDefinition
import FormPipeEmit

/// One thing in the outbox a person should look at — a repair the converter made, or a finding
/// (the form contradicts itself, or a value could not be read) — with what its fields hold now
/// and what a reviewer already decided about them.
///
/// Everything is read from the repair log and the record by path, so any field the log names
/// is shown the same way, whatever keys the record format grows.
public struct ReviewQueueItem: Sendable {
    /// What the item is about: a line of `repairs.jsonl`.
    public enum Subject: Sendable {
        case repair(LoggedRepair)
        case finding(LoggedFinding)
    }

    public var document: String
    public var subject: Subject
    /// The field's value now (after the repair and any decision); nil for a repair of a whole
    /// row (`shifted-row`), which has no single value, and for a finding.
    public var current: FieldValue?
    /// What the field can hold; nil for a whole row or a finding.
    public var kind: FieldValueKind?
    /// The reviewer's latest decision on the field (on any of a finding's fields), if any.
    public var decision: ReviewDecision?
    /// The key of the page crop around the cell (`f01-funds-0-executed`), when the input had pages.
    public var crop: String?
    public var cropIsDrawing: Bool
    /// The findings that name the field: the form's own inconsistencies.
    public var findings: [String]
    /// For a repair of a whole row, the row's cells; for a finding, the fields it names. Each
    /// is decided on its own.
    public var cells: [RowCell]

    /// `R12` or `F2`.
    public var id: String {
        switch subject {
        case .repair(let repair): repair.id
        case .finding(let finding): finding.id
        }
    }

    public var form: Int {
        switch subject {
        case .repair(let repair): repair.form
        case .finding(let finding): finding.form
        }
    }

    /// The repaired field, or the first field a finding names (where the form pane looks).
    public var field: String {
        switch subject {
        case .repair(let repair): repair.field
        case .finding(let finding): finding.fields.first ?? ""
        }
    }

    public var rule: String {
        switch subject {
        case .repair(let repair): repair.rule
        case .finding(let finding): finding.rule
        }
    }

    /// How sure the repair was; nil for a finding, which is a certainty that a person must look.
    public var confidence: Double? {
        if case .repair(let repair) = subject { return repair.confidence }
        return nil
    }

    /// The repair, when the item is one (only a repair can be reverted).
    public var repair: LoggedRepair? {
        if case .repair(let repair) = subject { return repair }
        return nil
    }

    /// Whether a reviewer can type a value into the field (the record format fixes some).
    public var isEditable: Bool { kind != nil && kind != .fixed }
    public var isDecided: Bool { decision != nil }

    public var json: JSONValue {
        let repair = self.repair
        var finding: LoggedFinding?
        if case .finding(let found) = subject { finding = found }
        return .object([
            ("document", .string(document)),
            ("kind", .string(repair == nil ? "finding" : "repair")),
            ("id", .string(id)),
            ("form", .number(form)),
            ("formName", .string(FormFileName.stem(form: form))),
            ("field", .string(field)),
            ("fields", .array((finding?.fields ?? [field]).map { .string($0) })),
            ("caption", .string(FieldCaption.caption(for: field))),
            ("anchor", .string(HTMLBuilder.anchor(form: form, field: field))),
            ("rule", .string(rule)),
            ("confidence", confidence.map { .number($0) } ?? .null),
            ("message", .string(finding?.message)),
            ("before", .string(repair?.before)),
            ("after", .string(repair?.after)),
            ("current", .string(current?.logText)),
            ("blank", .bool(current == .null)),
            ("expectation", .string(kind?.expectation)),
            ("editable", .bool(isEditable)),
            ("revertible", .bool(repair != nil && isEditable)),
            ("decision", decision.map(\.json) ?? .null),
            ("crop", .string(crop)),
            ("cropKind", .string(crop == nil ? nil : cropIsDrawing ? "drawing" : "scan")),
            ("findings", .array(findings.map { .string($0) })),
            ("cells", .array(cells.map(\.json))),
        ])
    }
}
