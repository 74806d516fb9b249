import Foundation
import FormPipeCore
import FormPipeDefinition
import FormPipeLayout

/// The indicator table's columns as its own header row names them, so that a form printing
/// 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分, or the target as 指标性质 | 指标值 | 度量单位, is
/// read by header rather than by position (`FormDefinition.indicatorColumns`).
///
/// A row is placed on the header by its cells' grid columns when it spans the header's width;
/// a row of OCR text that lost leading cells (merged cells, a slid column) is placed from its
/// right end. A placement is used only when it is plausible — numbers under 分值 and 得分,
/// indicator levels under 一级指标 and 二级指标 — otherwise the row is read by content
/// (`IndicatorRowLayout(row:)`).
struct IndicatorColumns: Sendable {
    /// Header keys left to right with the grid columns each covers.
    private(set) var columns: [(key: String, first: Int, last: Int)] = []
    /// Every header cell left to right: its key, or nil (绩效指标, an unknown column).
    private var headerCells: [String?] = []
    /// Header cells naming no column of the definition, for a finding.
    private(set) var unknownHeaders: [String] = []

    /// Reads a header row; nil when it names no 三级指标 or no 分值/得分 column.
    init?(header row: TableRow) {
        let definition = FormDefinition.selfEvaluation.indicatorColumns
        let byPosition = Self.restoredByPosition(row)
        for cell in row.cells {
            let label = LabelText.normalized(cell.text)
            let positional = byPosition?.first { $0.cell == cell }?.key
            if let positional { restored.append((cell, positional)) }
            guard let key = HeaderMatcher.match(cell.text, in: definition)?.key ?? positional else {
                if !label.isEmpty, label != "绩效指标" { unknownHeaders.append(label) }
                headerCells.append(nil)
                continue
            }
            headerCells.append(key)
            columns.append((key, cell.column, cell.column + max(1, cell.columnSpan) - 1))
        }
        let keys = Set(columns.map(\.key))
        guard keys.contains("level3"), keys.contains("weight") || keys.contains("score") else { return nil }
    }

    /// Header cells put back by their position (``restoredByPosition(_:)``), for the repair log.
    private(set) var restored: [(cell: TableCell, key: String)] = []

    /// The columns of the standard header, in its order.
    static let standardKeys = ["level1", "level2", "level3", "target", "actual", "weight", "score", "deviation"]

    /// The header cells OCR could not read, each with the standard column at its place, when
    /// the header prints exactly the standard number of columns (after its 绩效指标 cell) and
    /// at least two cells that read name the standard column at their own place: "-级指标"
    /// between "二级指标" and "年度指标值" is 三级指标. Nil for any other layout.
    static func restoredByPosition(_ row: TableRow) -> [(cell: TableCell, key: String)]? {
        let definition = FormDefinition.selfEvaluation.indicatorColumns
        let cells = row.cells.filter {
            let label = LabelText.normalized($0.text)
            return !label.isEmpty && label != "绩效指标"
        }
        guard cells.count == standardKeys.count else { return nil }
        var matched = 0
        var restored: [(cell: TableCell, key: String)] = []
        for (cell, key) in zip(cells, standardKeys) {
            if let column = HeaderMatcher.match(cell.text, in: definition) {
                guard column.key == key else { return nil }
                matched += 1
            } else {
                let label = definition.first { $0.key == key }?.label ?? key
                guard LabelText.compact(cell.text).count <= label.count + 3 else { return nil }
                restored.append((cell, key))
            }
        }
        return matched >= 2 && !restored.isEmpty ? restored : nil
    }

    /// Whether the header differs from the standard order, which the content reading assumes.
    var isStandard: Bool {
        columns.map(\.key) == ["level1", "level2", "level3", "target", "actual", "weight", "score", "deviation"]
    }

    private var lastColumn: Int { columns.map(\.last).max() ?? 0 }

    /// The row's cells by header key: by grid column when the row ends where the header ends,
    /// else from the right end of a row of one-column cells.
    func place(_ row: TableRow) -> [String: [TableCell]]? {
        guard let rowLast = row.cells.map({ $0.column + max(1, $0.columnSpan) - 1 }).max() else { return nil }
        var placed: [String: [TableCell]] = [:]
        if rowLast == lastColumn {
            for cell in row.cells {
                guard let column = columns.first(where: { $0.first <= cell.column && cell.column <= $0.last }) else { continue }
                // A level2 cell spanning into 三级指标 is the indicator's own text ("服务对象满意度").
                let key = column.key == "level2" && cell.column + cell.columnSpan - 1 > column.last ? "level3" : column.key
                placed[key, default: []].append(cell)
            }
            return placed
        }
        // A row that does not end where the header ends: OCR text that lost leading merged
        // cells, or a table continued on a page with a grid of its own. Its cells, right to
        // left, stand under the header's cells, right to left.
        guard row.cells.allSatisfy({ $0.columnSpan <= 1 }), row.cells.count <= headerCells.count + 2 else { return nil }
        for (cell, header) in zip(row.cells.reversed(), headerCells.reversed()) {
            guard let key = header else { continue }
            placed[key, default: []].append(cell)
        }
        return placed
    }

    /// The row as an indicator layout, or nil when the header placement is implausible.
    func layout(for row: TableRow) -> IndicatorRowLayout? {
        guard let placed = place(row) else { return nil }
        func cell(_ key: String) -> TableCell? {
            placed[key]?.first { !LabelText.compact($0.text).isEmpty }
        }
        let isNumberOrBlank: (TableCell?) -> Bool = { cell in
            guard let cell else { return true }
            let text = LabelText.compact(cell.text)
            return PrintedNumber(parsing: text.replacingOccurrences(of: "分", with: "")) != nil
                || NumberCellReader.nullMarks.contains(text)
        }
        guard isNumberOrBlank(cell("weight")), isNumberOrBlank(cell("score")) else { return nil }
        var layout = IndicatorRowLayout()
        for key in ["level1", "level2"] {
            guard let labelCell = cell(key) else { continue }
            guard let match = IndicatorVocabulary.match(labelCell.text) else { return nil }
            let level = key == "level1" ? IndicatorVocabulary.Level.level1 : .level2
            guard match.level == level || IndicatorVocabulary.isBothLevels(match.entry) else { return nil }
            if key == "level1" { layout.level1 = labelCell } else { layout.level2 = labelCell }
        }
        layout.level3 = cell("level3")
        layout.actual = cell("actual")
        layout.weight = cell("weight")
        layout.score = cell("score")
        layout.deviation = cell("deviation")
        layout.target = cell("target") ?? Self.joinedTarget(placed)
        if layout.level3 == nil, layout.weight != nil || layout.score != nil, let level2 = layout.level2 {
            // A merged level2+level3 cell ("服务对象满意度"): the text is the indicator's.
            layout.level3 = level2
            layout.level2 = nil
        }
        return layout
    }

    /// 指标性质 | 指标值 | 度量单位 as one target: the cells joined without spaces ("≥" "85" "%").
    private static func joinedTarget(_ placed: [String: [TableCell]]) -> TableCell? {
        let parts = ["targetNature", "targetValue", "targetUnit"].compactMap { placed[$0]?.first }
        let texts = parts.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard var joined = parts.first(where: { !LabelText.compact($0.text).isEmpty }) else { return nil }
        joined.text = texts.joined()
        for part in parts { if let box = part.box { joined.box = joined.box.map { $0.union(box) } ?? box } }
        return joined
    }
}
