import FormPipeCore
import FormPipeDefinition
import FormPipeLayout
import FormPipeRepair

/// Reads the 绩效指标 table into `Indicator` values: one per third-level row, with level1 and
/// level2 filled down from merged cells, displaced labels put back, and every inference logged.
struct IndicatorTableReader {
    /// Header columns (三级指标 …) from the table's own header row, to notice shifted rows.
    private var level3Column: Int?
    private var rows: [(row: TableRow, layout: IndicatorRowLayout, afterBreak: Bool)] = []
    /// Rows holding only a level2 label; `inFullRow` when the row has its other cells, blank (a
    /// template's empty level2 row rather than a label a page break displaced).
    private var strayLabels: [(cell: TableCell, afterRow: Int, inFullRow: Bool)] = []

    /// The columns the header names; nil before a header row or when it names none.
    private(set) var columns: IndicatorColumns?

    mutating func readHeader(_ row: TableRow) {
        level3Column = row.cells.first { LabelText.isLabel($0.text, "三级指标") }?.column
        columns = IndicatorColumns(header: row)
    }

    mutating func addRow(_ row: TableRow, afterBreak: Bool) {
        // Template rows left unfilled are no indicators; a level label they carry still opens a block.
        let filled = row.cells.filter { !LabelText.compact($0.text).isEmpty && LabelText.compact($0.text) != "绩效指标" }
        if filled.contains(where: { IndicatorRowLayout.isPlaceholder($0.text) }),
            filled.allSatisfy({ IndicatorRowLayout.isPlaceholder($0.text) || IndicatorVocabulary.match($0.text) != nil }) {
            let labels = filled.filter { !IndicatorRowLayout.isPlaceholder($0.text) }
            guard !labels.isEmpty else { return }
            var layout = IndicatorRowLayout(row: TableRow(cells: labels, page: row.page))
            layout.level3 = nil
            if layout.level1 != nil { rows.append((row, layout, afterBreak)) }
            return
        }
        // The content reading knows the standard column order and survives rows that lost or
        // gained cells; a header in another order or with the target split is read by header.
        let aligned = columns.flatMap { $0.isStandard ? nil : $0.layout(for: row) }
        if var layout = aligned, layout.level3 != nil || layout.weight != nil {
            if let level3 = layout.level3, IndicatorRowLayout.isPlaceholder(level3.text) { layout.level3 = nil }
            rows.append((row, layout, afterBreak))
            return
        }
        let layout = IndicatorRowLayout(row: row)
        if layout.isLabelOnly, layout.level1 == nil, let label = layout.level2, !rows.isEmpty {
            strayLabels.append((label, rows.count, row.cells.count > 3))
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
        for (cell, key) in columns?.restored ?? [] {
            let label = FormDefinition.selfEvaluation.indicatorColumns.first { $0.key == key }?.label ?? key
            HeaderLabelRestoration.logRestoredColumn(cell, key: key, label: label, section: "indicators", log: &log)
        }
        for label in columns?.unknownHeaders ?? [] {
            log.report(
                rule: "unknown-column", fields: ["indicators"],
                message: "indicators: the column \"\(label)\" is no column of the record format; its values are not in the record")
        }
        var fill = LevelFillDown()
        var indicators: [Indicator] = []
        var provenance: [LevelFillDown.Provenance] = []
        var startsBlock: [Bool] = []
        var breakRows: [PageBreakLabelRule.Row] = []
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
            breakRows.append(
                PageBreakLabelRule.Row(
                    afterBreak: afterBreak, printedLevel1: layout.level1, printedLevel2: layout.level2,
                    level1Provenance: levels.level1Provenance, level2Provenance: levels.level2Provenance))
            startsBlock.append(afterBreak || LostMergedLabelRule.restartsNumbering(indicator.level3, previous: previousLevel3))
            previousLevel3 = indicator.level3
            indicators.append(indicator)
        }
        PageBreakLabelRule.apply(rows: breakRows, to: &indicators, log: &log)
        for stray in strayLabels {
            LostMergedLabelRule.apply(
                label: stray.cell, beforeIndicator: indicatorsBefore(rowCount: stray.afterRow), to: &indicators,
                provenance: provenance, startsBlock: startsBlock, reportUnmatched: !stray.inFullRow, log: &log)
        }
        return indicators
    }

    /// How many indicators came from the first `rowCount` rows (label-only rows make none).
    private func indicatorsBefore(rowCount: Int) -> Int {
        rows.prefix(rowCount).filter { $0.layout.level3 != nil }.count
    }
}
