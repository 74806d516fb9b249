/// One kind of form described as data: the record it becomes (keys, printed labels, value
/// kinds, nesting) and the words the printed form uses for each part (titles, labels and their
/// synonyms, column headers, row names, the indicator vocabulary).
///
/// The mapper, the JSON and XML writers, the JSON reader, the XML schema and the review page all
/// read this, so a synonym or a column variant is one line in the definition
/// (`SelfEvaluationForm.swift`), and another kind of form is another definition.
public struct FormDefinition: Sendable {
    /// The `formType` every record of this kind carries.
    public var formType: String
    /// Titles that start a form of this kind, longest first so that a title is matched whole.
    public var titles: [String]
    /// The record's keys in the contract's order.
    public var record: [RecordNode]

    /// The label → key pairs of the header rows (项目名称 → projectName).
    public var headerFields: [LabelledKey]
    /// The header rows as printed, top to bottom: the keys whose labels share each row
    /// (projectName alone, then department beside implementingUnit, …). A label a scan lost is
    /// put back from this (``HeaderLabelRestoration``).
    public var headerRows: [[String]]
    /// The funds block: its label, rows and columns.
    public var funds: FundsLayout
    /// The goal labels.
    public var goals: [LabelledKey]
    /// The indicator table's column headers.
    public var indicatorColumns: [LabelledKey]
    /// Rows under the indicator table holding one text each (其他需要说明事项 → remarks).
    public var footerRows: [LabelledKey]
    /// The level1 → level2 vocabulary of the indicator table.
    public var vocabulary: [(level1: String, level2: [String])]
    /// The labels that tell this kind of form from its relatives (``FormRecognizer``).
    public var recognition: Recognition

    /// Every printed label of this kind, normalized: a cell holding one is never a value.
    public var fixedLabels: Set<String> {
        var labels = Set(headerFields.flatMap(\.labels) + goals.flatMap(\.labels) + indicatorColumns.flatMap(\.labels))
        labels.formUnion(footerRows.flatMap(\.labels))
        labels.formUnion(funds.columns.flatMap(\.labels))
        labels.formUnion(funds.blockLabels)
        labels.formUnion(["年度总体目标", "年度", "总体目标", "绩效指标", "总分", "项目负责人及电话"])
        return labels
    }
}

/// Groups of printed labels, by name, that recognize a form: those it shares with other forms of
/// its family (a 申报表 also prints 项目名称) and those only this kind prints.
public struct Recognition: Sendable {
    public var shared: [(name: String, labels: [String])]
    public var ownKind: [(name: String, labels: [String])]
}

/// A record key with the labels a form may print for it; the first label is the standard one.
public struct LabelledKey: Sendable, Hashable {
    public var key: String
    public var labels: [String]

    public init(_ key: String, _ labels: String...) {
        self.key = key
        self.labels = labels
    }

    public var label: String { labels[0] }
}

/// The 项目资金 block: the standard rows (always in the record, in this order), the columns by
/// header, and the label whose parenthesis names the unit.
public struct FundsLayout: Sendable {
    /// Row labels of the block's own first cell ("项目资金", "项目资金（万元）").
    public var blockLabels: [String]
    /// The units the block label may name; the first is the default.
    public var units: [String]
    /// The standard rows: item name and the labels that mean it (the name itself first).
    public var rows: [LabelledKey]
    /// Column header → `FundsRow` numeric key.
    public var columns: [LabelledKey]
}

/// One place in the record: a value, a group of values (`goals`, `total`) or a list of rows
/// (`funds`, `indicators`).
public enum RecordNode: Sendable {
    case value(RecordField)
    case group(key: String, label: String?, fields: [RecordField])
    case list(key: String, label: String?, element: String, minimum: Int, fields: [RecordField])

    public var key: String {
        switch self {
        case .value(let field): field.key
        case .group(let key, _, _), .list(let key, _, _, _, _): key
        }
    }
}

/// A value of the record: its key, the form label (nil where the form prints none), its kind and
/// a one-line note for the schema.
public struct RecordField: Sendable {
    public var key: String
    public var label: String?
    public var kind: FieldValueKind
    public var note: String?

    public init(_ key: String, label: String?, _ kind: FieldValueKind, note: String? = nil) {
        self.key = key
        self.label = label
        self.kind = kind
        self.note = note
    }
}

extension FormDefinition {
    /// The form label of a record path without indices (`funds.initialBudget`, `goals.actual`).
    public func label(forPath path: String) -> String? {
        let keys = path.split(separator: ".").map(String.init)
        guard let top = record.first(where: { $0.key == keys.first }) else { return nil }
        switch (top, keys.count) {
        case (.value(let field), 1): return field.label
        case (.group(_, let label, _), 1), (.list(_, let label, _, _, _), 1): return label
        case (.group(_, _, let fields), 2), (.list(_, _, _, _, let fields), 2):
            return fields.first { $0.key == keys[1] }?.label
        default: return nil
        }
    }

    /// The record's paths for messages: "projectName, …, funds[n].initialBudget|…".
    public var fieldHint: String {
        record.map { node in
            switch node {
            case .value(let field): field.key
            case .group(let key, _, let fields): "\(key).\(fields.map(\.key).joined(separator: "|"))"
            case .list(let key, _, _, _, let fields): "\(key)[n].\(fields.map(\.key).joined(separator: "|"))"
            }
        }.joined(separator: ", ")
    }
}
