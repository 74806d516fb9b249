/// A table cell with the text put into it.
public struct LaidOutCell: Sendable, Hashable {
    public var grid: GridCell
    public var text: String
    /// Set when OCR read the cell (see `ScannedPageReader`).
    public var ocrConfidence: Double? = nil
    public var ocrCorrections: [OCRCorrection] = []
}

/// What layout analysis found on one page: rulings, tables with their cells' text, words and
/// the text outside the tables. Independent of where characters and rulings came from (a PDF
/// text layer and render today, OCR of a scan later).
public struct PageLayout: Sendable {
    public var pageNumber: Int
    public var width: Double
    public var height: Double
    /// Rulings in points.
    public var rulings: [RulingSegment]
    public var tables: [DetectedTable]
    /// `cells[t][c]` is cell `c` of `tables[t]`, in the table's order.
    public var cells: [[LaidOutCell]]
    /// Every word of the page (inside and outside cells), for the debug dump.
    public var words: [TextLine]
    /// Text outside any table, top to bottom.
    public var outsideText: [TextLine]

    public var cellCount: Int { cells.reduce(0) { $0 + $1.count } }

    /// Finds the tables among `rulings`, puts each character into its cell and collects the rest
    /// as loose lines.
    public static func analyse(
        pageNumber: Int, width: Double, height: Double, characters: [PageCharacter], rulings: [RulingSegment],
        tolerance: Double = 3
    ) -> PageLayout {
        let closed = SplitTableCloser.closingCutEdges(of: rulings, tolerance: tolerance)
        let tables = TableGridBuilder.tables(from: closed, tolerance: tolerance)
        let allCells = tables.flatMap(\.cells)
        // Work in the frame of the page's main table with its skew undone, where a scan's text
        // lines run parallel to the cell edges; report boxes in page coordinates again.
        let rotation = PageRotation(slope: tables.max { $0.cells.count < $1.cells.count }?.skew ?? 0)
        let straight = rotation.isIdentity ? characters : characters.map(rotation.straightened)
        let (perCell, outside) = CellTextAssembler.assign(straight, to: allCells.map(\.straightBox))
        var words: [TextLine] = []
        var texts: [String] = []
        for characters in perCell {
            let lines = TextLineGrouper.lines(of: characters)
            let em = TextLineGrouper.em(of: characters)
            texts.append(CellTextAssembler.text(of: lines, em: em))
            words += lines.flatMap { TextLineGrouper.words(of: $0, em: em) }
        }
        var cells: [[LaidOutCell]] = []
        var offset = 0
        for table in tables {
            cells.append(
                zip(table.cells, texts[offset..<offset + table.cells.count]).map { LaidOutCell(grid: $0, text: $1) })
            offset += table.cells.count
        }

        let em = TextLineGrouper.em(of: outside)
        var outsideText: [TextLine] = []
        for line in TextLineGrouper.lines(of: outside) {
            words += TextLineGrouper.words(of: line, em: em).map {
                TextLine(text: $0.text, page: pageNumber, box: $0.box)
            }
            for piece in TextLineGrouper.pieces(of: line, em: em) {
                outsideText.append(
                    TextLine(text: TextLineGrouper.text(of: piece, em: em), page: pageNumber, box: piece.box))
            }
        }
        words = words.map { TextLine(text: $0.text, page: pageNumber, box: $0.box.map(rotation.restored)) }
        outsideText = outsideText.map { TextLine(text: $0.text, page: pageNumber, box: $0.box.map(rotation.restored)) }
        return PageLayout(
            pageNumber: pageNumber, width: width, height: height, rulings: closed, tables: tables, cells: cells,
            words: words, outsideText: outsideText)
    }

    /// The page as document blocks in reading order: loose lines and table rows by their top,
    /// a `.tableBreak` before each table's first row.
    ///
    /// A row holds the cells whose top edge is that grid row, left to right; a merged cell
    /// appears once, in its first row.
    public func blocks() -> [DocumentBlock] {
        var placed: [(y: Double, order: Int, block: DocumentBlock)] = []
        for line in outsideText {
            placed.append((line.box?.y0 ?? 0, placed.count, .text(line)))
        }
        for tableCells in cells {
            var rows: [Int: [LaidOutCell]] = [:]
            for cell in tableCells { rows[cell.grid.row, default: []].append(cell) }
            var previousTop = -Double.infinity
            for (number, row) in rows.sorted(by: { $0.key < $1.key }).enumerated() {
                // On a skewed scan a row's left end may sit higher than the row above's right
                // end; keep the grid's order.
                let top = max(previousTop, row.value.map(\.grid.box.y0).min() ?? 0)
                previousTop = top
                if number == 0 { placed.append((top, placed.count, .tableBreak(page: pageNumber))) }
                let cells = row.value.sorted { $0.grid.column < $1.grid.column }.map { cell in
                    TableCell(
                        text: cell.text, column: cell.grid.column, columnSpan: cell.grid.columnSpan,
                        rowSpan: cell.grid.rowSpan, page: pageNumber, box: cell.grid.box,
                        ocrConfidence: cell.ocrConfidence, ocrCorrections: cell.ocrCorrections)
                }
                placed.append((top, placed.count, .row(TableRow(cells: cells, page: pageNumber))))
            }
        }
        return placed.sorted { ($0.y, $0.order) < ($1.y, $1.order) }.map(\.block)
    }
}
