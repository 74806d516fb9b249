/// What the review page marks on each cell: the repairs and reviewer lines of every field, the
/// findings that name it, and the crop of the scan around it, indexed by form and field.
struct FieldAnnotations {
    struct Key: Hashable {
        var form: Int
        var field: String
    }

    private(set) var repairs: [Key: [LoggedRepair]] = [:]
    private(set) var findings: [Key: [LoggedFinding]] = [:]
    /// Relative path of the crop image of a field, when the input was a PDF.
    private(set) var crops: [Key: String] = [:]

    init(log: RepairLogFile, cropPaths: Set<String>) {
        for repair in log.repairs {
            repairs[Key(form: repair.form, field: repair.field), default: []].append(repair)
            let crop = CropName.path(form: repair.form, field: repair.field)
            if cropPaths.contains(crop) { crops[Key(form: repair.form, field: repair.field)] = crop }
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

    func crop(form: Int, field: String) -> String? {
        crops[Key(form: form, field: field)]
    }

    /// Repairs that name a whole row (`indicators[6]`, from `shifted-row`), shown on the row's
    /// first cell since they have no cell of their own.
    func rowRepairs(form: Int, row: String) -> [LoggedRepair] {
        repairs(form: form, field: row)
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

/// File names of the crop images: one per field, shared by every repair of that field.
public enum CropName {
    /// `crops/f01-funds-0-executed.png`
    public static func path(form: Int, field: String) -> String {
        var name = form < 10 ? "f0\(form)-" : "f\(form)-"
        for character in field {
            switch character {
            case "[", ".": if name.last != "-" { name.append("-") }
            case "]": continue
            default: name.append(character)
            }
        }
        return "\(ReviewDocument.cropsFolderName)/\(name).png"
    }
}
