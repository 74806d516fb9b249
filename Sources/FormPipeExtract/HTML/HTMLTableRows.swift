/// The rows of one `<table>` element and their `<td>`/`<th>` cells, in source order.
///
/// Rows are found directly in the table and in its `<thead>`, `<tbody>` and `<tfoot>`, which
/// OCR engines sometimes emit and which do not start a new grid. Tag soup is read the way it was
/// meant: cells directly under the table or a section, outside any `<tr>`, form a row of their
/// own; rows and cells wrapped in other elements (`<table><form><tr>`, `<tr><font><td>`) still
/// count.
struct HTMLTableRows {
    private(set) var rows: [[HTMLNode]] = []
    /// Text inside the table element but outside every cell (`<caption>`, stray text).
    private(set) var strayText = HTMLTextPieces()

    init(table: HTMLNode) {
        var looseCells: [HTMLNode] = []
        readSection(table, looseCells: &looseCells, depth: 0)
        if !looseCells.isEmpty { rows.append(looseCells) }
    }

    private mutating func readSection(_ section: HTMLNode, looseCells: inout [HTMLNode], depth: Int) {
        for child in section.children {
            if child.isText {
                strayText.append(.text(child.text))
                continue
            }
            guard child.isElement else { continue }
            switch child.name {
            case "tr":
                if !looseCells.isEmpty {
                    rows.append(looseCells)
                    looseCells = []
                }
                var cells: [HTMLNode] = []
                Self.collectCells(of: child, into: &cells, depth: 0)
                rows.append(cells)
            case "td", "th":
                looseCells.append(child)
            case "thead", "tbody", "tfoot":
                if depth < HTMLBlockWalker.maximumDepth { readSection(child, looseCells: &looseCells, depth: depth + 1) }
            case "table":
                // A table directly inside a table (not in a cell) is tag soup; its rows are
                // read as rows of this one rather than dropped.
                if depth < HTMLBlockWalker.maximumDepth { readSection(child, looseCells: &looseCells, depth: depth + 1) }
            case "colgroup", "col":
                continue
            default:
                if HTMLElementRole(elementName: child.name) == .ignored { continue }
                // A wrapper tag soup left inside the table (<form>, <div>, <font>) may still hold
                // rows: read it like a section; whatever text it has outside cells is stray.
                strayText.append(.blockBoundary)
                if depth < HTMLBlockWalker.maximumDepth {
                    readSection(child, looseCells: &looseCells, depth: depth + 1)
                } else {
                    strayText.append(.text(child.flattenedText))
                }
                strayText.append(.blockBoundary)
            }
        }
    }

    private static func collectCells(of row: HTMLNode, into cells: inout [HTMLNode], depth: Int) {
        for child in row.children where child.isElement {
            switch child.name {
            case "td", "th":
                cells.append(child)
            case "tr", "table", "thead", "tbody", "tfoot":
                continue
            default:
                if depth < 8 { collectCells(of: child, into: &cells, depth: depth + 1) }
            }
        }
    }
}
