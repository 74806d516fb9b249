/// Reads the 绩效指标 table into `Indicator` values: one per third-level row, with level1 and
/// level2 filled down from merged cells, displaced labels put back, and every inference logged.
struct IndicatorTableReader {
    /// Header columns (三级指标 …) from the table's own header row, to notice shifted rows.
    private var level3Column: Int?
    private var rows: [(row: TableRow, layout: IndicatorRowLayout, afterBreak: Bool)] = []
    private var strayLabels: [(cell: TableCell, afterRow: Int)] = []

    mutating func readHeader(_ row: TableRow) {
        level3Column = row.cells.first { LabelText.compact($0.text) == "三级指标" }?.column
    }

    mutating func addRow(_ row: TableRow, afterBreak: Bool) {
        let layout = IndicatorRowLayout(row: row)
        if layout.isLabelOnly, layout.level1 == nil, let label = layout.level2, !rows.isEmpty {
            strayLabels.append((label, rows.count))
            return
        }
        if layout.isContinuation, var last = rows.last, row.cells.filter({ !LabelText.compact($0.text).isEmpty }).count == 1 {
            // The tail of the previous row's level3 text, carried over a page break.
            if var level3 = last.layout.level3, let extra = layout.level3 {
                level3.text += "\n" + extra.text
                last.layout.level3 = level3
                rows[rows.count - 1] = last
            }
            return
        }
        if layout.level3 == nil, layout.weight == nil {
            if layout.level1 != nil || layout.level2 != nil {
                // A merged label row with nothing else: it opens a block for the rows below.
                rows.append((row, layout, afterBreak))
            }
            return
        }
        rows.append((row, layout, afterBreak))
    }

    func finish(repairer: CellTextRepairer, log: inout RepairCollector) -> [Indicator] {
        var fill = LevelFillDown()
        var indicators: [Indicator] = []
        var provenance: [LevelFillDown.Provenance] = []
        var startsBlock: [Bool] = []
        var previousLevel3 = ""
        for (row, layout, afterBreak) in rows {
            let index = indicators.count
            let path = "indicators[\(index)]"
            let levels = fill.next(layout, path: path, repairer: repairer, log: &log)
            guard let level3Cell = layout.level3 else { continue }
            var indicator = Indicator(level1: levels.level1, level2: levels.level2)
            indicator.level3 = repairer.repair(level3Cell.text, kind: .text, at: FieldLocation("\(path).level3", cell: level3Cell), log: &log)
            if let level2 = ImpliedLevel2Rule.level2(level3: indicator.level3, level1: indicator.level1, given: levels, layout: layout) {
                log.add(FieldLocation("\(path).level2", cell: level3Cell), rule: ImpliedLevel2Rule.name, before: indicator.level2, after: level2, confidence: 0.75)
                indicator.level2 = level2
                fill.override(level2: level2)
            }
            indicator.target = layout.target.map { repairer.repair($0.text, kind: .text, at: FieldLocation("\(path).target", cell: $0), log: &log) } ?? ""
            indicator.actual = layout.actual.map { repairer.repair($0.text, kind: .text, at: FieldLocation("\(path).actual", cell: $0), log: &log) } ?? ""
            indicator.weight = layout.weight.flatMap { NumberCellReader.read($0, path: "\(path).weight", repairer: repairer, log: &log) }
            indicator.score = layout.score.flatMap { NumberCellReader.read($0, path: "\(path).score", repairer: repairer, log: &log) }
            indicator.deviation = layout.deviation.map { repairer.repair($0.text, kind: .text, at: FieldLocation("\(path).deviation", cell: $0), log: &log) }
            if let level3Column, level3Cell.column != level3Column {
                ShiftedRowRule.log(row: row, level3Cell: level3Cell, expectedColumn: level3Column, path: path, log: &log)
            }
            for cell in layout.unplaced {
                log.report(rule: "unplaced-cell", fields: [path], message: "\(path): the cell \"\(cell.text)\" fits no column of the indicator row and was left out")
            }
            provenance.append(levels.level2Provenance)
            startsBlock.append(afterBreak || LostMergedLabelRule.restartsNumbering(indicator.level3, previous: previousLevel3))
            previousLevel3 = indicator.level3
            indicators.append(indicator)
        }
        for stray in strayLabels {
            LostMergedLabelRule.apply(
                label: stray.cell, beforeIndicator: indicatorsBefore(rowCount: stray.afterRow), to: &indicators,
                provenance: provenance, startsBlock: startsBlock, log: &log)
        }
        return indicators
    }

    /// How many indicators came from the first `rowCount` rows (label-only rows make none).
    private func indicatorsBefore(rowCount: Int) -> Int {
        rows.prefix(rowCount).filter { $0.layout.level3 != nil }.count
    }
}
