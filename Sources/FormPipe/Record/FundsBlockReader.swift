/// Reads the 项目资金（万元） block: four item rows, each followed by six value cells in the
/// header's order (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分).
///
/// Values are taken by their position after the item's own cell, which survives rows that lost
/// or gained leading cells. An OCR engine sometimes inserts an empty cell inside the row; when
/// a row has more than six cells, empty ones are dropped where the cells' content says they do
/// not belong (the "%" cell must land under 执行率), and the drop is logged.
struct FundsBlockReader {
    private var rows: [Int: (row: TableRow, itemIndex: Int)] = [:]

    /// Which of the four funds rows `row` is, by its item cell.
    static func item(in row: TableRow) -> (index: Int, cellIndex: Int)? {
        for (cellIndex, cell) in row.cells.enumerated() {
            let compact = LabelText.compact(cell.text)
            guard compact.count <= 14 else { continue }
            for (index, item) in FundsRow.items.enumerated() where compact.hasSuffix(item) || compact == item {
                return (index, cellIndex)
            }
        }
        return nil
    }

    mutating func readRow(_ row: TableRow, item: (index: Int, cellIndex: Int)) {
        if rows[item.index] == nil { rows[item.index] = (row, item.cellIndex) }
    }

    func finish(repairer: CellTextRepairer, log: inout RepairCollector) -> [FundsRow] {
        FundsRow.items.enumerated().map { index, name in
            var funds = FundsRow(item: name)
            guard let (row, itemIndex) = rows[index] else { return funds }
            let cells = Self.valueCells(Array(row.cells[(itemIndex + 1)...]), path: "funds[\(index)]", log: &log)
            for (key, cell) in zip(FundsRow.numericKeys, cells) {
                funds[numeric: key] = NumberCellReader.read(cell, path: "funds[\(index)].\(key)", repairer: repairer, log: &log)
            }
            return funds
        }
    }

    private static let rateIndex = FundsRow.numericKeys.firstIndex(of: "executionRate")!

    static func valueCells(_ cells: [TableCell], path: String, log: inout RepairCollector) -> [TableCell] {
        var cells = cells
        let isEmpty: (TableCell) -> Bool = { LabelText.compact($0.text).isEmpty }
        while cells.count > FundsRow.numericKeys.count, let drop = droppableEmptyCell(cells, isEmpty: isEmpty) {
            let printed = cells.map { LabelText.compact($0.text) }.joined(separator: " | ")
            let removed = cells.remove(at: drop)
            log.add(
                FieldLocation(path, cell: removed), rule: "inserted-empty-cell", before: printed,
                after: cells.map { LabelText.compact($0.text) }.joined(separator: " | "), confidence: 0.8)
        }
        return cells
    }

    /// The empty cell to drop: one left of a "%" cell that sits right of 执行率, else the last.
    private static func droppableEmptyCell(_ cells: [TableCell], isEmpty: (TableCell) -> Bool) -> Int? {
        if let percent = cells.firstIndex(where: { $0.text.contains("%") || $0.text.contains("％") }), percent > rateIndex,
            let empty = cells[..<percent].lastIndex(where: isEmpty)
        {
            return empty
        }
        return cells.lastIndex(where: isEmpty)
    }
}

/// Reads a number cell: "—" and blank are null, "100%" is 100, a stray unit is dropped and logged.
enum NumberCellReader {
    static let nullMarks: Set<String> = ["—", "-", "–", "－", "——", "/", "／", "无"]

    static func read(_ cell: TableCell, path: String, repairer: CellTextRepairer, log: inout RepairCollector)
        -> PrintedNumber?
    {
        let location = FieldLocation(path, cell: cell)
        let text = repairer.repair(cell.text, kind: .number, at: location, log: &log)
        if text.isEmpty || nullMarks.contains(text) { return nil }
        if let number = PrintedNumber(parsing: text) { return number }
        for unit in ["万元", "万", "元", "分"] where text.hasSuffix(unit) {
            if let number = PrintedNumber(parsing: String(text.dropLast(unit.count))) {
                log.add(location, rule: "unit-in-number", before: text, after: number.literal, confidence: 0.8)
                return number
            }
        }
        log.report(rule: "unreadable-number", fields: [path], message: "\(path): \"\(text)\" is not a number; the record holds null")
        return nil
    }
}
