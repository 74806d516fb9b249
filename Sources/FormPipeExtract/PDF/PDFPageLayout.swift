import Foundation
import FormPipeLayout
import FormPipeCore

/// Milliseconds spent on one page, step by step.
public struct PDFPageTimings: Sendable, Hashable {
    /// `poppler_page_get_text` + `poppler_page_get_text_layout`, and telling where the text came
    /// from (which may look for a page-sized image).
    public var text: Double = 0
    /// `poppler_page_render` onto a cairo surface and conversion to grey.
    public var render: Double = 0
    /// Ruling line detection on the grey image.
    public var rulings: Double = 0
    /// Grid, cells, text into cells, loose lines.
    public var layout: Double = 0

    public var total: Double { text + render + rulings + layout }
}

/// Everything the PDF extractor found on one page, kept for `formpipe convert --debug`.
public struct PDFPageLayout: Sendable, CustomDebugStringConvertible {
    public var layout: PageLayout
    public var textSource: PageTextSource
    public var renderDPI: Double
    /// Characters in the text layer, spaces included, line breaks not.
    public var characterCount: Int
    /// Bar-like OCR glyphs dropped because they were a ruling read as text (OCR layers only).
    public var droppedRulingGlyphs: Int
    public var timings: PDFPageTimings
    /// Quarter turns clockwise that made an image-only page upright (a page scanned upside
    /// down: 2); its layout is in the upright frame, and every render of it is turned alike.
    public var quarterTurns: Int = 0

    public var pageNumber: Int { layout.pageNumber }

    /// A plain-text dump: page facts, rulings, cells with grid positions and text, loose lines
    /// and words. Written to `debug/page-NN.txt`.
    public var debugDescription: String {
        var out = "page \(layout.pageNumber): \(formatted(layout.width)) × \(formatted(layout.height)) pt, "
        out += "text source \(textSource.rawValue), \(characterCount) characters, render \(formatted(renderDPI)) dpi"
        out += droppedRulingGlyphs > 0 ? ", \(droppedRulingGlyphs) ruling glyphs dropped\n" : "\n"
        out += "timings ms: text \(formatted(timings.text)), render \(formatted(timings.render)), "
        out += "rulings \(formatted(timings.rulings)), layout \(formatted(timings.layout))\n"

        let horizontal = layout.rulings.filter { $0.orientation == .horizontal }
        let vertical = layout.rulings.filter { $0.orientation == .vertical }
        out += "\n## rulings: \(horizontal.count) horizontal, \(vertical.count) vertical (points)\n"
        for ruling in layout.rulings { out += "\(ruling)\n" }

        for (number, table) in layout.tables.enumerated() {
            out += "\n## table \(number + 1): \(table.cells.count) cells, \(table.rowEdges.count - 1) rows × "
            out += "\(table.columnEdges.count - 1) columns, skew \(formatted(table.skew * 1000))‰\n"
            out += "column edges: \(table.columnEdges.map(formatted).joined(separator: " "))\n"
            out += "row edges: \(table.rowEdges.map(formatted).joined(separator: " "))\n"
            for cell in layout.cells[number] {
                let grid = cell.grid
                let box = grid.box
                out += "r\(grid.row) c\(grid.column)"
                out += grid.rowSpan > 1 || grid.columnSpan > 1 ? " span \(grid.rowSpan)×\(grid.columnSpan)" : ""
                out += " [\(formatted(box.x0)) \(formatted(box.y0)) \(formatted(box.x1)) \(formatted(box.y1))] "
                out += "\(escaped(cell.text))\n"
            }
        }

        out += "\n## text outside tables\n"
        for line in layout.outsideText { out += "\(boxText(line.box)) \(escaped(line.text))\n" }
        out += "\n## words (\(layout.words.count))\n"
        for word in layout.words { out += "\(boxText(word.box)) \(word.text)\n" }
        return out
    }

    private func escaped(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    private func boxText(_ box: BoundingBox?) -> String {
        guard let box else { return "[]" }
        return "[\(formatted(box.x0)) \(formatted(box.y0)) \(formatted(box.x1)) \(formatted(box.y1))]"
    }
}
