/// Reads 年度总体目标: a header row with 预期目标 and 实际完成情况, then the two texts, which
/// may run over several rows or loose lines when a page break cut the cell.
struct GoalsBlockReader {
    private var expectedColumn: Int?
    private var actualColumn: Int?
    private var expectedCells: [TableCell] = []
    private var actualCells: [TableCell] = []

    mutating func readHeader(_ row: TableRow) {
        for cell in row.cells {
            switch LabelText.compact(cell.text) {
            case "预期目标": expectedColumn = cell.column
            case "实际完成情况": actualColumn = cell.column
            default: break
            }
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
        if let expectedColumn, let actualColumn,
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
