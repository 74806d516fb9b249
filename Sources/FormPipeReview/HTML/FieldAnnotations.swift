/// What the review page marks on each cell: the repairs and reviewer lines of every field, the
/// findings that name it, and the crop of the page around it, indexed by form and field.
struct FieldAnnotations {
    struct Key: Hashable {
        var form: Int
        var field: String
    }

    private(set) var repairs: [Key: [LoggedRepair]] = [:]
    private(set) var findings: [Key: [LoggedFinding]] = [:]
    /// `data:` URIs by crop key, encoded once: a field's crop appears in its chip and in the list.
    private var cropURIs: [String: String] = [:]

    init(log: RepairLogFile, crops: ScanCrops) {
        for key in crops.images.keys {
            cropURIs[key] = crops.dataURI(key: key)
        }
        for repair in log.repairs {
            repairs[Key(form: repair.form, field: repair.field), default: []].append(repair)
        }
        for finding in log.findings {
            for field in finding.fields {
                findings[Key(form: finding.form, field: field), default: []].append(finding)
            }
        }
    }

    func repairs(form: Int, field: String) -> [LoggedRepair] {
        repairs[Key(form: form, field: field)] ?? []
    }

    func findings(form: Int, field: String) -> [LoggedFinding] {
        findings[Key(form: form, field: field)] ?? []
    }

    /// The `data:` URI of the field's scan crop, when the input was a PDF.
    func crop(form: Int, field: String) -> String? {
        cropURIs[ScanCrops.key(form: form, field: field)]
    }

    /// CSS classes for a cell: how sure the weakest repair of the field was, whether a reviewer
    /// changed it, and whether a finding names it.
    func cellClasses(form: Int, fields: [String]) -> String? {
        let cellRepairs = fields.flatMap { repairs(form: form, field: $0) }
        var classes: [String] = []
        if cellRepairs.contains(where: \.isReviewer) {
            classes.append("reviewed")
        } else if let weakest = cellRepairs.map(\.confidence).min() {
            classes.append(ConfidenceBand(weakest).cssClass)
        }
        if fields.contains(where: { !findings(form: form, field: $0).isEmpty }) { classes.append("finding") }
        return classes.isEmpty ? nil : classes.joined(separator: " ")
    }
}

/// How worrying a repair's confidence is; the page colours cells by it and the terminal too.
public enum ConfidenceBand: Sendable {
    case low, medium, high

    public init(_ confidence: Double) {
        self = confidence < 0.8 ? .low : confidence < 0.95 ? .medium : .high
    }

    var cssClass: String {
        switch self {
        case .low: "c-low"
        case .medium: "c-mid"
        case .high: "c-high"
        }
    }
}
