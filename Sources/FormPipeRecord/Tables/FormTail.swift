import FormPipeCore
import FormPipeLayout

/// Where a form ends when the document goes on with a table of its own after it (an appendix,
/// a 资金明细表, the next form of another kind). The splitter keeps everything up to the next
/// title in the form; the blocks after the form's end belong to the table record instead.
///
/// Only what follows the 总分 row can be cut, and only a table that is clearly another one: it
/// comes after a title of another kind, or none of its cells is a label of the rows a 自评表
/// prints under its total (评价结论, 存在问题, signatures, notes, page numbers) and it either has a heading or
/// starts with a row of three or more filled cells. Anything less certain stays with the form.
enum FormTail {
    /// Words of the rows a 自评表 prints under its 总分 row; a table with one of them is the form's.
    static let footerWords = [
        "总分", "得分", "分值", "评价", "结论", "问题", "措施", "说明", "等级", "指标", "自评", "备注", "注:", "审核", "填报",
        "填表", "负责人", "签字", "签章", "盖章", "日期", "联系电话", "页",
    ]

    /// How many of `blocks` (one form candidate, title first) are the form.
    static func formLength(_ blocks: [DocumentBlock]) -> Int {
        guard let total = blocks.lastIndex(where: isTotalRow) else { return blocks.count }
        var index = total + 1
        while index < blocks.count {
            switch blocks[index] {
            case .row:
                index += 1
                continue
            case .text(let line) where FormRecognizer.TitleKind.classify(FormRecognizer.normalized(line.text)) == .other:
                return index
            case .text, .tableBreak:
                if startsForeignTable(blocks, at: index) { return index }
                index += 1
            }
        }
        return blocks.count
    }

    private static func isTotalRow(_ block: DocumentBlock) -> Bool {
        guard case .row(let row) = block else { return false }
        return row.cells.contains { FormRecognizer.normalized($0.text) == "总分" }
    }

    /// Whether the lines and breaks at `start` lead into a table that is not the form's.
    private static func startsForeignTable(_ blocks: [DocumentBlock], at start: Int) -> Bool {
        var headed = false
        var index = start
        while index < blocks.count {
            if case .text(let line) = blocks[index] {
                let label = FormRecognizer.normalized(line.text)
                if !label.isEmpty, !footerWords.contains(where: label.contains) { headed = true }
            } else if case .row = blocks[index] {
                break
            }
            index += 1
        }
        var rows: [TableRow] = []
        while index < blocks.count, case .row(let row) = blocks[index] {
            rows.append(row)
            index += 1
        }
        guard let first = rows.first else { return false }
        let hasFooterWord = rows.contains { row in
            row.cells.contains { cell in
                let label = FormRecognizer.normalized(cell.text)
                return footerWords.contains(where: label.contains)
            }
        }
        let filled = first.cells.filter { !LabelText.compact($0.text).isEmpty }.count
        return !hasFooterWord && (headed || filled >= 3)
    }
}
