import FormPipeLayout

/// Where a repaired value lives: the record path, and the page and box of its source cell.
package struct FieldLocation: Sendable {
    package var field: String
    package var page: Int?
    package var bbox: BoundingBox?
    /// Readings the OCR stage chose for the source cell; logged as repairs of this field.
    package var ocrCorrections: [OCRCorrection]

    package init(_ field: String, cell: TableCell? = nil) {
        self.field = field
        self.page = cell?.page
        self.bbox = cell?.box
        self.ocrCorrections = cell?.ocrCorrections ?? []
    }
}

/// Collects the repairs and findings of one form while the record stage builds it.
package struct RepairCollector: Sendable {
    package let form: Int
    package private(set) var repairs: [Repair] = []
    package private(set) var findings: [Finding] = []

    package init(form: Int) { self.form = form }

    package mutating func add(_ location: FieldLocation, rule: String, before: String, after: String, confidence: Double) {
        repairs.append(
            Repair(
                form: form, field: location.field, page: location.page, bbox: location.bbox, rule: rule,
                before: before, after: after, confidence: confidence))
    }

    package mutating func report(rule: String, fields: [String], message: String) {
        findings.append(Finding(form: form, rule: rule, fields: fields, message: message))
    }
}
