/// Places the cells of one HTML table on the table's grid, as browsers do (the HTML standard's
/// "forming a table" algorithm): each cell takes the first column of its row that no cell from
/// an earlier row covers with its rowspan, then covers `columnSpan` columns and `rowSpan` rows.
///
/// This is what gives "指标2:支持企业数量" its true column 3 in a row whose first three cells
/// (绩效指标, 产出指标, 数量指标) are merged down from above and not repeated in the row.
package struct TableGridLayout {
    /// A cell's spans as the source declares them.
    struct Span: Equatable {
        var columnSpan: Int
        /// 0 means "to the end of the table", as in HTML.
        var rowSpan: Int

        init(columnSpan: Int = 1, rowSpan: Int = 1) {
            self.columnSpan = columnSpan
            self.rowSpan = rowSpan
        }
    }

    /// HTML's limits: a colspan above 1000 or a rowspan above 65534 is clamped. They also keep a
    /// hostile `colspan="99999999"` from costing memory: the grid is one counter per column.
    static let maximumColumnSpan = 1000
    static let maximumRowSpan = 65534
    /// No form is wider than a few dozen columns; past this width a hostile table's cells all
    /// share the last column instead of growing the grid.
    static let maximumGridWidth = 10_000

    /// Span attributes as HTML reads them: missing or 0 colspan is 1; missing rowspan is 1,
    /// rowspan 0 spans to the end of the table; both clamped to HTML's limits.
    static func span(colspan: Int?, rowspan: Int?) -> Span {
        let columns = min(max(colspan ?? 1, 1), maximumColumnSpan)
        let rows = min(max(rowspan ?? 1, 0), maximumRowSpan)
        return Span(columnSpan: columns, rowSpan: rows)
    }

    /// The first grid column of every cell, row by row, in the cells' source order.
    ///
    /// A rowspan reaching past the last row only covers the rows that exist: the table ends
    /// there, and the next `<table>` (a page-break continuation) starts a grid of its own.
    static func columns(of rows: [[Span]]) -> [[Int]] {
        // coveredUntil[c]: the first row index no longer covered by a cell occupying column c.
        var coveredUntil: [Int] = []
        var result: [[Int]] = []
        result.reserveCapacity(rows.count)
        for (rowIndex, cells) in rows.enumerated() {
            var column = 0
            var starts: [Int] = []
            starts.reserveCapacity(cells.count)
            for cell in cells {
                while column < coveredUntil.count, coveredUntil[column] > rowIndex { column += 1 }
                column = min(column, maximumGridWidth)
                starts.append(column)
                let rowsCovered = cell.rowSpan == 0 ? rows.count - rowIndex : min(cell.rowSpan, rows.count - rowIndex)
                let end = min(column + cell.columnSpan, maximumGridWidth)
                if coveredUntil.count < end {
                    coveredUntil.append(contentsOf: repeatElement(0, count: end - coveredUntil.count))
                }
                for covered in column..<end {
                    coveredUntil[covered] = max(coveredUntil[covered], rowIndex + rowsCovered)
                }
                column = end
            }
            result.append(starts)
        }
        return result
    }
}
