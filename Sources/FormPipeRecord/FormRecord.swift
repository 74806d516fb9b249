import FormPipeCore
import FormPipeDefinition

public struct FundsRow: Sendable, Hashable {
    /// The standard rows of the funds block, in the order the contract fixes.
    public static let items = FormDefinition.selfEvaluation.funds.rows.map(\.key)

    public var item: String
    public var initialBudget: PrintedNumber?
    public var annualBudget: PrintedNumber?
    public var executed: PrintedNumber?
    public var weight: PrintedNumber?
    public var executionRate: PrintedNumber?
    public var score: PrintedNumber?

    public init(item: String) { self.item = item }

    /// The numeric fields in the order of the standard form, with their record keys.
    public static let numericKeys = FormDefinition.selfEvaluation.funds.columns.map(\.key)

    public subscript(numeric key: String) -> PrintedNumber? {
        get {
            switch key {
            case "initialBudget": initialBudget
            case "annualBudget": annualBudget
            case "executed": executed
            case "weight": weight
            case "executionRate": executionRate
            case "score": score
            default: nil
            }
        }
        set {
            switch key {
            case "initialBudget": initialBudget = newValue
            case "annualBudget": annualBudget = newValue
            case "executed": executed = newValue
            case "weight": weight = newValue
            case "executionRate": executionRate = newValue
            case "score": score = newValue
            default: break
            }
        }
    }
}

public struct Goals: Sendable, Hashable {
    public var expected: String
    public var actual: String

    public init(expected: String = "", actual: String = "") {
        self.expected = expected
        self.actual = actual
    }
}

public struct Indicator: Sendable, Hashable {
    public var level1: String
    public var level2: String
    public var level3: String
    public var target: String
    public var actual: String
    public var weight: PrintedNumber?
    public var score: PrintedNumber?
    public var deviation: String?

    public init(
        level1: String = "", level2: String = "", level3: String = "", target: String = "", actual: String = "",
        weight: PrintedNumber? = nil, score: PrintedNumber? = nil, deviation: String? = nil
    ) {
        self.level1 = level1
        self.level2 = level2
        self.level3 = level3
        self.target = target
        self.actual = actual
        self.weight = weight
        self.score = score
        self.deviation = deviation
    }
}

public struct TotalRow: Sendable, Hashable {
    public var weight: PrintedNumber?
    public var score: PrintedNumber?

    public init(weight: PrintedNumber? = nil, score: PrintedNumber? = nil) {
        self.weight = weight
        self.score = score
    }
}

/// One 项目支出绩效自评表, as `shared/docs/record-format.md` specifies it; the keys, their order
/// and labels are `FormDefinition.selfEvaluation`.
public struct FormRecord: Sendable, Hashable {
    public static let formTypeName = FormDefinition.selfEvaluation.formType

    public var formType: String = FormRecord.formTypeName
    /// The title as printed, whitespace removed, without a year or an 附件 line.
    public var title: String = FormRecord.formTypeName
    public var year: Int?
    public var projectName: String = ""
    public var department: String = ""
    public var implementingUnit: String = ""
    public var projectLead: String?
    public var phone: String?
    /// "万元" or "元", as the 项目资金 label names it.
    public var fundsUnit: String = FormDefinition.selfEvaluation.funds.units[0]
    public var funds: [FundsRow] = FundsRow.items.map(FundsRow.init(item:))
    public var goals = Goals()
    public var indicators: [Indicator] = []
    public var total = TotalRow()
    public var grade: String?
    public var remarks: String?
    public var conclusion: String?
    public var problems: String?
    public var improvements: String?

    public init() {}
}

/// The form label of each record field, for the XML writer's `label="…"` and the review.
///
/// Looked up by path, not by key: `actual` is 实际完成情况 under `goals` but 实际完成值 under
/// `indicators`. A path is the keys from the record's root joined with ".", without array
/// indices: `funds.initialBudget`, `indicators.actual`, `total.weight`.
public enum FieldLabel {
    /// The label for a path, or nil for elements the form prints no label for (`funds.item`:
    /// the row's own text is its label; the repeated `row` and `indicator` wrappers).
    public static func label(forPath path: String) -> String? {
        FormDefinition.selfEvaluation.label(forPath: path)
    }
}
