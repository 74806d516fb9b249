import FormPipeLayout

/// Where a repaired value lives: the record path, and the page and box of its source cell.
struct FieldLocation: Sendable {
    var field: String
    var page: Int?
    var bbox: BoundingBox?
    /// Readings the OCR stage chose for the source cell; logged as repairs of this field.
    var ocrCorrections: [OCRCorrection]

    init(_ field: String, cell: TableCell? = nil) {
        self.field = field
        self.page = cell?.page
        self.bbox = cell?.box
        self.ocrCorrections = cell?.ocrCorrections ?? []
    }
}

/// Collects the repairs and findings of one form while the record stage builds it.
struct RepairCollector: Sendable {
    let form: Int
    private(set) var repairs: [Repair] = []
    private(set) var findings: [Finding] = []

    init(form: Int) { self.form = form }

    mutating func add(_ location: FieldLocation, rule: String, before: String, after: String, confidence: Double) {
        repairs.append(
            Repair(
                form: form, field: location.field, page: location.page, bbox: location.bbox, rule: rule,
                before: before, after: after, confidence: confidence))
    }

    mutating func report(rule: String, fields: [String], message: String) {
        findings.append(Finding(form: form, rule: rule, fields: fields, message: message))
    }
}
