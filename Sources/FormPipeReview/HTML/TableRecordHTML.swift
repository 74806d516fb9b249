import FormPipeCore
import FormPipeRecord
import FormPipeRepair
import FormPipeEmit

/// Draws the table record (`tables.json`) on the review page: each table as its grid of cells,
/// spans as printed, repaired cells coloured by confidence and carrying their repair chips, as
/// a form's cells are. The cells are read back from `tables.json`, the file the reviewer checks.
struct TableRecordHTML {
    /// `tables.json` as parsed.
    let record: JSONValue
    let annotations: FieldAnnotations

    func write(to page: inout HTMLBuilder) {
        let tables = record["tables"]?.arrayValue ?? []
        for (tableIndex, table) in tables.enumerated() {
            let number = table["table"]?.intValue ?? tableIndex + 1
            page.element("section", ["id": Self.anchor(table: number), "class": "form-section"]) { section in
                section.element("h2") { heading in
                    let caption = table["caption"]?.stringValue.map { " · \($0)" } ?? ""
                    let pageText = table["page"]?.intValue.map { " · 第\($0)页" } ?? ""
                    heading.text("附表 \(number)\(caption)\(pageText) ")
                    heading.element("a", ["href": OutputFileName.tables, "class": "muted"], text: OutputFileName.tables)
                }
                section.element("table", ["class": "form cells"]) { grid in
                    writeRows(table["rows"]?.arrayValue ?? [], table: tableIndex, to: &grid)
                }
            }
        }
    }

    static func anchor(table: Int) -> String { "table-\(table)" }

    /// Cells by their grid column; columns a cell above covers with its row span are skipped,
    /// other gaps drawn as empty cells, so spans line up as printed.
    private func writeRows(_ rows: [JSONValue], table: Int, to grid: inout HTMLBuilder) {
        var coveredUntilRow: [Int: Int] = [:]  // column → last row a row span covers it
        for (rowIndex, row) in rows.enumerated() {
            let rowNumber = rowIndex + 1
            let cells = row["cells"]?.arrayValue ?? []
            grid.element("tr") { line in
                var column = 1
                func pad(to target: Int) {
                    while column < target {
                        if (coveredUntilRow[column] ?? 0) < rowNumber { line.element("td", ["class": "empty"], text: "") }
                        column += 1
                    }
                }
                for (cellIndex, cell) in cells.enumerated() {
                    let start = cell["column"]?.intValue ?? column
                    let columnSpan = max(cell["colSpan"]?.intValue ?? 1, 1)
                    let rowSpan = max(cell["rowSpan"]?.intValue ?? 1, 1)
                    pad(to: start)
                    let field = TableRecord.fieldPath(table: table, row: rowIndex, cell: cellIndex)
                    let classes = ["text", annotations.cellClasses(form: Repair.outsideForms, fields: [field])]
                    let attributes: HTMLBuilder.Attributes = [
                        "id": HTMLBuilder.anchor(form: Repair.outsideForms, field: field),
                        "class": classes.compactMap { $0 }.joined(separator: " "),
                        "colspan": columnSpan > 1 ? String(columnSpan) : nil,
                        "rowspan": rowSpan > 1 ? String(rowSpan) : nil,
                    ]
                    line.element("td", attributes) { content in
                        content.text(cell["text"]?.stringValue ?? "")
                        RepairChipHTML(form: Repair.outsideForms, annotations: annotations).write(fields: [field], to: &content)
                    }
                    for covered in start..<(start + columnSpan) where rowSpan > 1 {
                        coveredUntilRow[covered] = rowNumber + rowSpan - 1
                    }
                    column = max(column, start + columnSpan)
                }
            }
        }
    }
}
