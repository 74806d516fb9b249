/// Reads the 项目资金（万元） block: a header row naming six columns and four item rows.
///
/// OCR text has no column geometry, only cell order, and rows there lose or gain leading empty
/// cells; so values are taken by their position after the item's own cell. Sources with a real
/// grid (PDF, HTML) are read by column, which survives inserted or missing cells.
struct FundsBlockReader {
    static let headerLabels = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]

    let sourceKind: InputKind
    /// Grid column range of each header label, when the header row was seen.
    private var headerColumns: [String: ClosedRange<Int>] = [:]
    private var rows: [Int: (row: TableRow, itemIndex: Int)] = [:]

    init(sourceKind: InputKind) { self.sourceKind = sourceKind }

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

    mutating func readHeader(_ row: TableRow) {
        for cell in row.cells {
            let compact = LabelText.compact(cell.text)
            if Self.headerLabels.contains(compact) {
                headerColumns[compact] = cell.column...(cell.column + max(1, cell.columnSpan) - 1)
            }
        }
    }

    mutating func readRow(_ row: TableRow, item: (index: Int, cellIndex: Int)) {
        if rows[item.index] == nil { rows[item.index] = (row, item.cellIndex) }
    }

    func finish(repairer: CellTextRepairer, log: inout RepairCollector) -> [FundsRow] {
        FundsRow.items.enumerated().map { index, name in
            var funds = FundsRow(item: name)
            guard let (row, itemIndex) = rows[index] else { return funds }
            for (key, cell) in valueCells(row, itemIndex: itemIndex) {
                let path = "funds[\(index)].\(key)"
                funds[numeric: key] = NumberCellReader.read(cell, path: path, repairer: repairer, log: &log)
            }
            return funds
        }
    }

    private func valueCells(_ row: TableRow, itemIndex: Int) -> [(String, TableCell)] {
        let after = Array(row.cells[(itemIndex + 1)...])
        let byColumn = sourceKind != .ocrText && headerColumns.count == Self.headerLabels.count
        if byColumn {
            var result: [(String, TableCell)] = []
            for cell in after {
                let span = cell.column...(cell.column + max(1, cell.columnSpan) - 1)
                let best = Self.headerLabels.enumerated().max { a, b in
                    overlap(span, headerColumns[a.element]!) < overlap(span, headerColumns[b.element]!)
                }
                if let best, overlap(span, headerColumns[best.element]!) > 0,
                    !result.contains(where: { $0.0 == FundsRow.numericKeys[best.offset] })
                {
                    result.append((FundsRow.numericKeys[best.offset], cell))
                }
            }
            return result
        }
        return zip(FundsRow.numericKeys, after).map { ($0, $1) }
    }

    private func overlap(_ a: ClosedRange<Int>, _ b: ClosedRange<Int>) -> Int {
        max(0, min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound) + 1)
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
