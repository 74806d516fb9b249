import FormPipeCore
import FormPipeDefinition
import FormPipeLayout
import FormPipeRepair

/// The 总分 row: its weight and score under the indicator table's 分值 and 得分 headers when the
/// header is not the standard one, else its last two numbers; and a grade printed beside it.
struct TotalRowReader {
    func read(_ row: TableRow, columns: IndicatorColumns?, repairer: CellTextRepairer, log: inout RepairCollector)
        -> TotalRow
    {
        if let columns, !columns.isStandard, let placed = columns.place(row) {
            let weight = placed["weight"]?.first { PrintedNumber(parsing: $0.text) != nil }
            let score = placed["score"]?.first { PrintedNumber(parsing: $0.text) != nil }
            if weight != nil || score != nil {
                return TotalRow(
                    weight: weight.flatMap { NumberCellReader.read($0, path: "total.weight", repairer: repairer, log: &log) },
                    score: score.flatMap { NumberCellReader.read($0, path: "total.score", repairer: repairer, log: &log) })
            }
        }
        let labelIndex = row.cells.firstIndex { LabelText.isLabel($0.text, "总分") } ?? 0
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

    /// Grades a form prints beside 总分 or under 评价等级.
    static let grades: Set<String> = ["优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "较差"]

    /// Labels of a grade cell (评价等级, 自评等级 …), from the definition.
    static let gradeLabels = Set(FormDefinition.selfEvaluation.footerRows.first { $0.key == "grade" }?.labels ?? [])

    /// The grade in the 总分 row: a cell holding a grade word, or after a 评价等级 label the
    /// next cell that is not a number (the 得分 may stand between the label and the grade).
    static func grade(in row: TableRow, repairer: CellTextRepairer, log: inout RepairCollector) -> String? {
        for (index, cell) in row.cells.enumerated() {
            let label = LabelText.normalized(cell.text)
            if gradeLabels.contains(label) {
                let after = row.cells[(index + 1)...].filter { !LabelText.compact($0.text).isEmpty }
                if let next = after.first(where: { grades.contains(LabelText.normalized($0.text)) })
                    ?? after.first(where: { PrintedNumber(parsing: $0.text) == nil })
                {
                    return repairer.repair(next.text, kind: .text, at: FieldLocation("grade", cell: next), log: &log)
                }
            }
            if grades.contains(label) {
                return repairer.repair(cell.text, kind: .text, at: FieldLocation("grade", cell: cell), log: &log)
            }
        }
        return nil
    }
}
