import FormPipeCore
import FormPipeLayout

/// A row whose cells slid sideways (OCR lost a leading merged cell, or inserted an empty one):
/// the row reader places cells by content, and this rule logs the realignment so a reviewer
/// can check it.
package enum ShiftedRowRule {
    package static let name = "shifted-row"

    package static func log(row: TableRow, level3Cell: TableCell, expectedColumn: Int, path: String, log: inout RepairCollector) {
        let printed = row.cells.map { LabelText.compact($0.text) }.joined(separator: " | ")
        let shift = level3Cell.column - expectedColumn
        log.add(
            FieldLocation(path, cell: level3Cell), rule: name, before: printed,
            after: "cells realigned by content (shifted \(shift > 0 ? "+" : "")\(shift) column\(abs(shift) == 1 ? "" : "s"))",
            confidence: 0.85)
    }
}
