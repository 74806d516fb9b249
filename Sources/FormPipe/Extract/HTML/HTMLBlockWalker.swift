/// Walks a parsed OCR-HTML document in reading order and turns it into document blocks: text
/// outside tables as `.text` lines, each `<table>` as `.tableBreak` followed by its rows.
///
/// Tables are found wherever tag soup put them (inside a `<div>`, a stray `<span>`); a table
/// inside a table cell is part of that cell's text, not a table of its own.
struct HTMLBlockWalker {
    /// Deeper than this, a subtree's text is taken in one piece from libxml2 instead of being
    /// walked: a hostile file of 100,000 nested `<span>`s must not exhaust a worker's stack.
    static let maximumDepth = 200

    private(set) var blocks: [DocumentBlock] = []
    private(set) var tableCount = 0
    private var pendingText = HTMLTextPieces()

    /// Reads the children of `root` (the `<html>` element) into `blocks`.
    mutating func read(_ root: HTMLNode) {
        visitChildren(of: root, depth: 0)
        flushText()
    }

    private mutating func visitChildren(of node: HTMLNode, depth: Int) {
        for child in node.children {
            if child.isText {
                pendingText.append(.text(child.text))
                continue
            }
            guard child.isElement else { continue }
            let name = child.name
            if name == "table" {
                readTable(child, depth: depth + 1)
                continue
            }
            switch HTMLElementRole(elementName: name) {
            case .ignored:
                continue
            case .lineBreak:
                pendingText.append(.lineBreak)
            case .block:
                pendingText.append(.blockBoundary)
                visit(child, depth: depth + 1)
                pendingText.append(.blockBoundary)
            case .inline:
                visit(child, depth: depth + 1)
            }
        }
    }

    private mutating func visit(_ node: HTMLNode, depth: Int) {
        if depth > Self.maximumDepth {
            pendingText.append(.text(node.flattenedText))
        } else {
            visitChildren(of: node, depth: depth)
        }
    }

    private mutating func flushText() {
        for line in pendingText.lines() {
            blocks.append(.text(TextLine(text: line)))
        }
        pendingText.removeAll()
    }

    private mutating func readTable(_ table: HTMLNode, depth: Int) {
        flushText()
        let parts = HTMLTableRows(table: table)
        // Text a tag-soup table holds outside its cells (a caption, a page number) comes
        // before the table, where a browser shows it.
        for line in parts.strayText.lines() {
            blocks.append(.text(TextLine(text: line)))
        }
        tableCount += 1
        blocks.append(.tableBreak(page: nil))

        let spans = parts.rows.map { row in
            row.map { TableGridLayout.span(colspan: $0.integerAttribute("colspan"), rowspan: $0.integerAttribute("rowspan")) }
        }
        let columns = TableGridLayout.columns(of: spans)
        for (rowIndex, row) in parts.rows.enumerated() {
            var cells: [TableCell] = []
            cells.reserveCapacity(row.count)
            for (cellIndex, cell) in row.enumerated() {
                let span = spans[rowIndex][cellIndex]
                cells.append(
                    TableCell(
                        text: Self.cellText(of: cell, depth: depth + 1),
                        column: columns[rowIndex][cellIndex],
                        columnSpan: span.columnSpan,
                        // As declared (0 resolved to the rows left): a rowspan running past the
                        // table's last row tells the record stage the merged cell continues in
                        // the next `<table>`, after a page break.
                        rowSpan: span.rowSpan == 0 ? parts.rows.count - rowIndex : span.rowSpan))
            }
            blocks.append(.row(TableRow(cells: cells)))
        }
    }

    /// The text of one `<td>`/`<th>`, with the line and paragraph rules of `HTMLTextPieces`.
    static func cellText(of cell: HTMLNode, depth: Int) -> String {
        var pieces = HTMLTextPieces()
        collectCellPieces(of: cell, depth: depth, into: &pieces)
        return pieces.cellText()
    }

    private static func collectCellPieces(of node: HTMLNode, depth: Int, into pieces: inout HTMLTextPieces) {
        if depth > maximumDepth {
            pieces.append(.text(node.flattenedText))
            return
        }
        for child in node.children {
            if child.isText {
                pieces.append(.text(child.text))
                continue
            }
            guard child.isElement else { continue }
            switch HTMLElementRole(elementName: child.name) {
            case .ignored:
                continue
            case .lineBreak:
                pieces.append(.lineBreak)
            case .block:
                pieces.append(.blockBoundary)
                collectCellPieces(of: child, depth: depth + 1, into: &pieces)
                pieces.append(.blockBoundary)
            case .inline:
                collectCellPieces(of: child, depth: depth + 1, into: &pieces)
            }
        }
    }
}
