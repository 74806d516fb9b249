import FormPipeCore
import FormPipeLayout
import FormPipeRepair

/// Builds the table record from the blocks no form took: cuts them into tables, numbers rows
/// and columns, and repairs every cell's text with the same rules, logged the same way, as the
/// fields of a form.
package struct TableRecordBuilder {
    private let repairer = CellTextRepairer()

    package struct Result: Sendable {
        package var record: TableRecord
        package var repairs: [Repair]
    }

    package init() {}

    /// `runs` are stretches of consecutive blocks of the document, in reading order; a table
    /// never spans two runs. A table ends at a table break, at a line of text after its rows,
    /// and at the end of its run; its caption is the last title-like line of text before its
    /// first row (``FormRecognizer/TitleKind``), else the last line.
    /// Tables with no text in any cell are left out.
    package func build(_ runs: [ArraySlice<DocumentBlock>]) -> Result {
        var tables: [(caption: String?, rows: [TableRow])] = []
        for run in runs {
            var caption: String?
            var captionIsTitle = false
            var rows: [TableRow] = []
            func close() {
                // A break between the caption and the rows (a blank line, a new <table>) keeps it.
                guard !rows.isEmpty else { return }
                if rows.contains(where: { $0.cells.contains { !LabelText.compact($0.text).isEmpty } }) {
                    tables.append((caption, rows))
                }
                rows = []
                caption = nil
                captionIsTitle = false
            }
            for block in run {
                switch block {
                case .tableBreak:
                    close()
                case .text(let line):
                    if !rows.isEmpty { close() }
                    // The title wins over the year or unit lines printed under it.
                    let text = line.text.trimmingCharacters(in: { $0.isCellWhitespace })
                    let isTitle = FormRecognizer.TitleKind.classify(FormRecognizer.normalized(text)) != nil
                    if !text.isEmpty, isTitle || !captionIsTitle {
                        caption = text
                        captionIsTitle = isTitle
                    }
                case .row(let row):
                    rows.append(row)
                }
            }
            close()
        }
        var log = RepairCollector(form: Repair.outsideForms)
        let record = TableRecord(
            tables: tables.enumerated().map { index, table in
                self.table(index, caption: table.caption, rows: table.rows, log: &log)
            })
        return Result(record: record, repairs: log.repairs)
    }

    private func table(_ index: Int, caption: String?, rows: [TableRow], log: inout RepairCollector) -> TableRecord.Table {
        let cells = rows.enumerated().map { rowIndex, row in
            row.cells.enumerated().map { cellIndex, cell in
                let path = TableRecord.fieldPath(table: index, row: rowIndex, cell: cellIndex)
                let text = repairer.repair(cell.text, kind: .text, at: FieldLocation(path, cell: cell), log: &log)
                return TableRecord.Cell(
                    row: rowIndex + 1, column: cell.column + 1, rowSpan: cell.rowSpan, columnSpan: cell.columnSpan,
                    text: text, page: cell.page ?? row.page, box: cell.box)
            }
        }
        let page = rows.lazy.compactMap { $0.page ?? $0.cells.lazy.compactMap(\.page).first }.first
        return TableRecord.Table(number: index + 1, page: page, caption: caption, rows: cells)
    }
}
