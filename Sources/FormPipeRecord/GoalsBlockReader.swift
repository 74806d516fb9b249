import FormPipeCore
import FormPipeDefinition
import FormPipeLayout
import FormPipeRepair

/// Reads 年度总体目标: a header row with 预期目标 and 实际完成情况 (or their synonyms, see
/// `FormDefinition.goals`), then the two texts, which may run over several rows or loose lines
/// when a page break cut the cell; or the two stacked, each label with its text on its right.
struct GoalsBlockReader {
    private static let goalLabels = FormDefinition.selfEvaluation.goals
    /// The goal whose label came last: where text of a stacked layout continues.
    private var lastKey: String?
    private var expectedColumn: Int?
    private var actualColumn: Int?
    private var expectedCells: [TableCell] = []
    private var actualCells: [TableCell] = []

    /// Whether a row's normalized cells hold a goal label.
    static func holdsLabel(_ labels: [String]) -> Bool {
        labels.contains { label in goalLabels.contains { $0.labels.contains(label) } }
    }

    mutating func readHeader(_ row: TableRow) {
        for cell in row.cells {
            let label = LabelText.normalized(cell.text)
            if let goal = Self.goalLabels.first(where: { $0.labels.contains(label) }) {
                if goal.key == "expected" { expectedColumn = cell.column } else { actualColumn = cell.column }
                lastKey = goal.key
                continue
            }
            // Stacked layout: the label's text stands right of it in the same row.
            guard let lastKey, !label.isEmpty, !LabelText.isFixedLabel(cell.text), label != "目标" else { continue }
            if lastKey == "expected" { expectedCells.append(cell) } else { actualCells.append(cell) }
        }
    }

    mutating func addRow(_ row: TableRow) {
        let texts = row.cells.filter { cell in
            let compact = LabelText.compact(cell.text)
            return !compact.isEmpty && !LabelText.isFixedLabel(cell.text) && compact != "目标"
        }
        guard !texts.isEmpty else { return }
        if texts.count >= 2 {
            expectedCells.append(texts[0])
            actualCells.append(contentsOf: texts[1...])
            return
        }
        let cell = texts[0]
        if expectedColumn == actualColumn, lastKey == "actual" {
            actualCells.append(cell)
        } else if let expectedColumn, let actualColumn,
            abs(cell.column - actualColumn) < abs(cell.column - expectedColumn)
        {
            actualCells.append(cell)
        } else {
            expectedCells.append(cell)
        }
    }

    /// A line outside any row (OCR text that lost its tabs) continues the expected goal. Page
    /// numbers ("1", "- 2 -", "第 3 页") are not goal text.
    mutating func addLoose(_ line: TextLine) {
        let compact = LabelText.compact(line.text)
        guard !compact.isEmpty, !LabelText.holdsTitle(compact), !PageNumber.matches(compact) else { return }
        expectedCells.append(TableCell(text: line.text, column: expectedColumn ?? 1, page: line.page, box: line.box))
    }

    func finish(repairer: CellTextRepairer, log: inout RepairCollector) -> Goals {
        Goals(
            expected: join(expectedCells, path: "goals.expected", repairer: repairer, log: &log),
            actual: join(actualCells, path: "goals.actual", repairer: repairer, log: &log))
    }

    private func join(_ cells: [TableCell], path: String, repairer: CellTextRepairer, log: inout RepairCollector)
        -> String
    {
        guard let first = cells.first else { return "" }
        // Parts of one cell cut by a page break continue the same paragraph: a line break joins them.
        let raw = cells.map(\.text).joined(separator: "\n")
        return repairer.repair(raw, kind: .paragraphs, at: FieldLocation(path, cell: first), log: &log)
    }
}

/// Page numbers printed in the margin, which PDF and OCR extraction return as loose lines.
enum PageNumber {
    static func matches(_ compact: String) -> Bool {
        var text = Substring(compact)
        for (prefix, suffix) in [("-", "-"), ("—", "—"), ("第", "页"), ("(", ")")] where text.hasPrefix(prefix) && text.hasSuffix(suffix) && text.count > 2 {
            text = text.dropFirst().dropLast()
        }
        if let slash = text.firstIndex(of: "/") {
            return !text[..<slash].isEmpty && text[..<slash].allSatisfy(\.isNumber) && text[text.index(after: slash)...].allSatisfy(\.isNumber)
        }
        return !text.isEmpty && text.count <= 3 && text.allSatisfy(\.isNumber)
    }
}
