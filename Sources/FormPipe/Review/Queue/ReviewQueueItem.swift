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

/// The queue's part of one document: its items in log order, its version, its review state.
public struct DocumentQueue: Sendable {
    public var name: String
    public var source: String
    public var inputKind: String
    public var forms: Int
    public var version: DocumentVersion
    public var items: [ReviewQueueItem]
    public var acceptance: ReviewDecision?
    /// Decisions that could not be applied to the latest conversion.
    public var problems: [String]

    public var decidedCount: Int { items.filter(\.isDecided).count }

    public init(document: ReviewDocument, version: DocumentVersion) {
        name = document.name
        source = document.sourceName
        inputKind = document.inputKind
        forms = document.records.count
        self.version = version
        acceptance = document.ledger.acceptance
        problems = document.ledger.decisions.compactMap { decision in decision.problem.map { "\(decision.id): \($0)" } }
        let annotations = FieldAnnotations(log: document.log, crops: ScanCrops())
        let cropKeys = Set(document.crops.images.keys)
        items = document.log.machineRepairs.map { repair in
            let path = FieldPath(parsing: repair.field)
            let record = document.records.indices.contains(repair.form - 1) ? document.records[repair.form - 1] : nil
            let kind = path.flatMap { path in try? record?.fieldKind(at: path) }
            let key = ScanCrops.key(form: repair.form, field: repair.field)
            let cells = kind == nil ? path.flatMap { path in record.map { RowCell.cells(of: path, in: $0) } } ?? [] : []
            return ReviewQueueItem(
                document: document.name, repair: repair,
                current: kind == nil ? nil : path.flatMap { path in try? record?.value(at: path) },
                kind: kind,
                decision: document.ledger.decision(on: repair),
                crop: cropKeys.contains(key) ? key : nil,
                cropIsDrawing: document.crops.images[key].map(ScanCrops.isDrawing) ?? false,
                findings: annotations.findings(form: repair.form, field: repair.field).map { "\($0.rule): \($0.message)" },
                cells: cells)
        }
    }

    public var json: JSONValue {
        .object([
            ("document", .string(name)),
            ("source", .string(source)),
            ("inputKind", .string(inputKind)),
            ("forms", .number(forms)),
            ("version", .string(version.token)),
            ("items", .number(items.count)),
            ("decided", .number(decidedCount)),
            ("reviewed", .bool(acceptance != nil)),
            ("reviewedBy", .string(acceptance?.who)),
            ("reviewedAt", .string(acceptance?.when)),
            ("problems", .array(problems.map { .string($0) })),
        ])
    }
}
