import FormPipeLayout

/// Walks a parsed OCR-HTML document in reading order and turns it into document blocks: text
/// outside tables as `.text` lines, each `<table>` as `.tableBreak` followed by its rows.
///
/// Tables are found wherever tag soup put them (inside a `<div>`, a stray `<span>`); a table
/// inside a table cell is part of that cell's text, not a table of its own.
struct HTMLBlockWalker {
    /// How deep `HTMLTableRows` looks for rows inside a table's sections. The walks here keep their
    /// own stack instead of recursing, so a hostile file of 100,000 nested `<span>`s cannot exhaust
    /// a worker's stack, and a form inside 200 nested `<div>`s is still found.
    static let maximumDepth = 200

    private(set) var blocks: [DocumentBlock] = []
    private(set) var tableCount = 0
    private var pendingText = HTMLTextPieces()

    /// Reads the children of `root` (the `<html>` element) into `blocks`.
    mutating func read(_ root: HTMLNode) {
        var stack = Self.steps(root.children)
        while let step = stack.popLast() {
            guard case .node(let child) = step else {
                pendingText.append(.blockBoundary)
                continue
            }
            if child.isText {
                pendingText.append(.text(child.text))
                continue
            }
            guard child.isElement else { continue }
            if child.name == "table" {
                readTable(child)
                continue
            }
            Self.expand(child, onto: &stack, pieces: &pendingText)
        }
        flushText()
    }

    /// One step of a walk in document order: a node, or the block boundary after a block's children.
    private enum Step {
        case node(HTMLNode)
        case endOfBlock
    }

    /// Children as steps, reversed so that popping the stack visits the first child first.
    private static func steps(_ children: HTMLNodeChildren) -> [Step] {
        Array(children).reversed().map(Step.node)
    }

    /// The line breaks and block boundaries an element makes, and its children pushed to visit next.
    private static func expand(_ element: HTMLNode, onto stack: inout [Step], pieces: inout HTMLTextPieces) {
        switch HTMLElementRole(elementName: element.name) {
        case .ignored:
            break
        case .lineBreak:
            pieces.append(.lineBreak)
        case .block:
            pieces.append(.blockBoundary)
            stack.append(.endOfBlock)
            stack.append(contentsOf: steps(element.children))
        case .inline:
            stack.append(contentsOf: steps(element.children))
        }
    }

    private mutating func flushText() {
        for line in pendingText.lines() {
            blocks.append(.text(TextLine(text: line)))
        }
        pendingText.removeAll()
    }

    private mutating func readTable(_ table: HTMLNode) {
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
                        text: Self.cellText(of: cell),
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
    static func cellText(of cell: HTMLNode) -> String {
        var pieces = HTMLTextPieces()
        var stack = steps(cell.children)
        while let step = stack.popLast() {
            guard case .node(let child) = step else {
                pieces.append(.blockBoundary)
                continue
            }
            if child.isText {
                pieces.append(.text(child.text))
            } else if child.isElement {
                expand(child, onto: &stack, pieces: &pieces)
            }
        }
        return pieces.cellText()
    }
}
