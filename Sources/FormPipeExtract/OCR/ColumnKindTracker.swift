import FormPipeCore
import FormPipeLayout

/// What a cell is expected to hold, judged from the header above it.
package enum CellReadingKind: Sendable, Hashable {
    case text
    /// Funds values, weights, scores, rates, the phone number: digits, ".", "%", "万", "元", "—".
    case number
    /// An indicator's target or result (年度指标值, 实际完成值): text, often a number with a
    /// unit and a leading comparison sign ("≥90%", "≤2小时").
    case measure
}

/// Learns from the header labels read so far which page columns hold numbers.
///
/// Columns are kept as x-ranges in points rather than grid indices, because a form's table
/// continues on the next page in a grid of its own (and without its header row), while the
/// columns stay where they were printed. A later header over the same x-range (the indicator
/// table's 分值 under the funds block's 全年执行数) redefines it.
package struct ColumnKindTracker: Sendable {
    private var columns: [(x0: Double, x1: Double, kind: CellReadingKind)] = []
    /// The cell right of 联系电话, once that label was read: (page, row, first column).
    private var phoneCell: (page: Int, row: Int, column: Int)?
    /// How far (points) a cell's edges may lie outside a header's and still be under it.
    let tolerance: Double

    init(tolerance: Double = 4) {
        self.tolerance = tolerance
    }

    /// Labels of numeric columns; matched on the label without spaces, so a wrapped "全年执 行数"
    /// counts, and by their distinctive parts, so one misread character does not lose the column.
    static let numericLabels: Set<String> = ["分值", "得分", "执行率", "年初预算数", "全年预算数", "全年执行数"]

    static func isNumericLabel(_ compact: String) -> Bool {
        if numericLabels.contains(compact) { return true }
        guard compact.count <= 6 else { return false }
        return compact.contains("预算") || compact.contains("执行数") || compact.contains("执行率")
    }

    /// Labels of the indicator table's value columns.
    static func isMeasureLabel(_ compact: String) -> Bool {
        compact.count <= 6 && (compact.hasSuffix("指标值") || compact.hasSuffix("完成值"))
    }

    /// Labels over columns of text: they end a numeric column above them.
    static func isTextLabel(_ compact: String) -> Bool {
        LabelText.isFixedLabel(compact) || (compact.count <= 8 && compact.contains("指标"))
    }

    /// Records what a header cell says about its column.
    mutating func see(_ text: String, box: BoundingBox, page: Int, row: Int, column: Int, columnSpan: Int) {
        let compact = LabelText.compact(text)
        if compact == "联系电话" { phoneCell = (page, row, column + columnSpan) }
        let kind: CellReadingKind
        if Self.isNumericLabel(compact) {
            kind = .number
        } else if Self.isMeasureLabel(compact) {
            kind = .measure
        } else if Self.isTextLabel(compact) {
            kind = .text
        } else {
            return
        }
        columns.removeAll { $0.x0 < box.x1 - tolerance && box.x0 + tolerance < $0.x1 }
        columns.append((box.x0, box.x1, kind))
    }

    /// The kind of a cell about to be read.
    func kind(of box: BoundingBox, page: Int, row: Int, column: Int) -> CellReadingKind {
        if let phone = phoneCell, phone == (page, row, column) { return .number }
        let under = columns.first { box.x0 >= $0.x0 - tolerance && box.x1 <= $0.x1 + tolerance }
        return under?.kind ?? .text
    }
}
