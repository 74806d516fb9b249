/// The 总分 row: its last two numbers are the total weight and score.
struct TotalRowReader {
    func read(_ row: TableRow, repairer: CellTextRepairer, log: inout RepairCollector) -> TotalRow {
        let labelIndex = row.cells.firstIndex { LabelText.compact($0.text) == "总分" } ?? 0
        let numbers = row.cells[(labelIndex + 1)...].filter { PrintedNumber(parsing: $0.text) != nil }
        var total = TotalRow()
        if numbers.count >= 2 {
            let cells = Array(numbers.suffix(2))
            total.weight = NumberCellReader.read(cells[0], path: "total.weight", repairer: repairer, log: &log)
            total.score = NumberCellReader.read(cells[1], path: "total.score", repairer: repairer, log: &log)
        } else if let only = numbers.first {
            total.weight = NumberCellReader.read(only, path: "total.weight", repairer: repairer, log: &log)
        }
        return total
    }
}
