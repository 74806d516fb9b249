/// One thing in the outbox a person should look at: a repair the converter made, with what the
/// field holds now and what a reviewer already decided about it.
///
/// Everything is read from the repair log and the record by path, so any field the log names
/// is shown the same way, whatever keys the record format grows.
public struct ReviewQueueItem: Sendable {
    public var document: String
    public var repair: LoggedRepair
    /// The field's value now (after the repair and any decision); nil for a repair of a whole
    /// row (`shifted-row`), which has no single value.
    public var current: FieldValue?
    /// What the field can hold; nil for a whole row.
    public var kind: FieldValueKind?
    /// The reviewer's latest decision on the field, if any.
    public var decision: ReviewDecision?
    /// The key of the page crop around the cell (`f01-funds-0-executed`), when the input had pages.
    public var crop: String?
    public var cropIsDrawing: Bool
    /// The findings that name the field: the form's own inconsistencies.
    public var findings: [String]
    /// For a repair of a whole row, the row's cells, each decided on its own.
    public var cells: [RowCell]

    /// Whether a reviewer can type a value into the field (the record format fixes some).
    public var isEditable: Bool { kind != nil && kind != .fixed }
    public var isDecided: Bool { decision != nil }

    public var json: JSONValue {
        .object([
            ("document", .string(document)),
            ("form", .number(repair.form)),
            ("formName", .string(FormFileName.stem(form: repair.form))),
            ("field", .string(repair.field)),
            ("caption", .string(FieldCaption.caption(for: repair.field))),
            ("anchor", .string(HTMLBuilder.anchor(form: repair.form, field: repair.field))),
            ("repair", .string(repair.id)),
            ("rule", .string(repair.rule)),
            ("confidence", .number(repair.confidence)),
            ("before", .string(repair.before)),
            ("after", .string(repair.after)),
            ("current", .string(current?.logText)),
            ("blank", .bool(current == .null)),
            ("expectation", .string(kind?.expectation)),
            ("editable", .bool(isEditable)),
            ("decision", decision.map(\.json) ?? .null),
            ("crop", .string(crop)),
            ("cropKind", .string(crop == nil ? nil : cropIsDrawing ? "drawing" : "scan")),
            ("findings", .array(findings.map { .string($0) })),
            ("cells", .array(cells.map(\.json))),
        ])
    }
}
