import FormPipeCore
import FormPipeRecord

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
        let cropImages = document.crops.images
        let crop = { (form: Int, field: String) -> (key: String?, isDrawing: Bool) in
            let key = ScanCrops.key(form: form, field: field)
            return (cropKeys.contains(key) ? key : nil, cropImages[key].map(ScanCrops.isDrawing) ?? false)
        }
        let record = { (form: Int) in document.records.indices.contains(form - 1) ? document.records[form - 1] : nil }
        let repairs = document.log.machineRepairs.map { repair in
            let path = FieldPath(parsing: repair.field)
            let record = record(repair.form)
            let kind = path.flatMap { path in try? record?.fieldKind(at: path) }
            let cells = kind == nil ? path.flatMap { path in record.map { RowCell.cells(of: path, in: $0) } } ?? [] : []
            let (key, isDrawing) = crop(repair.form, repair.field)
            return ReviewQueueItem(
                document: document.name, subject: .repair(repair),
                current: kind == nil ? nil : path.flatMap { path in try? record?.value(at: path) },
                kind: kind,
                decision: document.ledger.decision(on: repair),
                crop: key, cropIsDrawing: isDrawing,
                findings: annotations.findings(form: repair.form, field: repair.field).map { "\($0.rule): \($0.message)" },
                cells: cells)
        }
        // A finding is shown with the fields it names, to correct or to vouch for: a value the
        // form contradicts, or one that could not be read, needs a person as much as a repair.
        let findings = document.log.findings.compactMap { finding -> ReviewQueueItem? in
            guard let record = record(finding.form) else { return nil }
            let cells = RowCell.cells(naming: finding.fields, in: record)
            guard !cells.isEmpty else { return nil }
            let (key, isDrawing) = crop(finding.form, finding.fields.first ?? "")
            return ReviewQueueItem(
                document: document.name, subject: .finding(finding), current: nil, kind: nil,
                decision: document.ledger.decision(onAnyOf: finding.fields, form: finding.form),
                crop: key, cropIsDrawing: isDrawing, findings: [], cells: cells)
        }
        items = repairs + findings
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
