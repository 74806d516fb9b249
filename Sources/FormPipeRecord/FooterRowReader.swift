import FormPipeCore
import FormPipeDefinition
import FormPipeLayout
import FormPipeRepair

/// Rows under (or just above) the 总分 row that hold one text each: 其他需要说明事项 → remarks,
/// 评价结论 → conclusion, 存在问题 → problems, 改进措施 → improvements, 评价等级 → grade
/// (`FormDefinition.footerRows`). The text is the row's cells after the label, as printed and
/// repaired; a blank row is null.
struct FooterRowReader {
    private static let rows = FormDefinition.selfEvaluation.footerRows
    private var values: [String: String?] = [:]

    /// Reads `row` when its label cell is a footer label; false for any other row.
    mutating func read(_ row: TableRow, repairer: CellTextRepairer, log: inout RepairCollector) -> Bool {
        guard let labelIndex = row.cells.firstIndex(where: { !LabelText.compact($0.text).isEmpty }) else { return false }
        let label = LabelText.normalized(row.cells[labelIndex].text)
        guard let field = Self.rows.first(where: { $0.labels.contains(label) }) else { return false }
        let cells = row.cells[(labelIndex + 1)...].filter { !LabelText.compact($0.text).isEmpty }
        guard values[field.key] == nil else { return true }
        guard let first = cells.first else {
            values[field.key] = .some(nil)
            return true
        }
        let raw = cells.map(\.text).joined(separator: "\n")
        let text = repairer.repair(raw, kind: .paragraphs, at: FieldLocation(field.key, cell: first), log: &log)
        values[field.key] = .some(text.isEmpty ? nil : text)
        return true
    }

    func apply(to record: inout FormRecord) {
        for (key, value) in values {
            guard let value else { continue }
            switch key {
            case "remarks": record.remarks = value
            case "conclusion": record.conclusion = value
            case "problems": record.problems = value
            case "improvements": record.improvements = value
            case "grade" where record.grade == nil: record.grade = value
            default: break
            }
        }
    }
}
