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
