import CPoppler
import Foundation

/// A born-digital PDF drawn with cairo's PDF surface, as an office program exports one: a title
/// line, then a ruled table with its text in Noto Serif CJK SC (embedded, with a text layer
/// Poppler reads back). The tests draw the file they convert, so its source is this code.
enum TablePDF {
    /// Writes an A4 page to `url`: `title` above a table of `rows` (one string per column;
    /// columns as wide as `columnWidths`, in points). An empty string is an empty cell.
    static func write(to url: URL, title: String, rows: [[String]], columnWidths: [Double]) throws {
        let width = 595.0, height = 842.0
        guard let surface = cairo_pdf_surface_create(url.path, width, height) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { cairo_surface_destroy(surface) }
        let context = cairo_create(surface)
        defer { cairo_destroy(context) }
        cairo_set_source_rgb(context, 0, 0, 0)

        func text(_ string: String, x: Double, y: Double, points: Double) {
            cairo_select_font_face(context, "Noto Serif CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
            cairo_set_font_size(context, points)
            cairo_move_to(context, x, y)
            cairo_show_text(context, string)
        }
        func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
            cairo_set_line_width(context, 1)
            cairo_move_to(context, x0, y0)
            cairo_line_to(context, x1, y1)
            cairo_stroke(context)
        }

        let left = 60.0, top = 130.0, rowHeight = 30.0
        text(title, x: left + 40, y: 90, points: 16)
        let edges = columnWidths.reduce(into: [left]) { $0.append($0.last! + $1) }
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            for (column, cell) in row.enumerated() where !cell.isEmpty {
                text(cell, x: edges[column] + 6, y: y + 20, points: 10.5)
            }
        }
        for index in 0...rows.count {
            line(left, top + Double(index) * rowHeight, edges.last!, top + Double(index) * rowHeight)
        }
        for edge in edges { line(edge, top, edge, top + Double(rows.count) * rowHeight) }
        cairo_show_page(context)
        cairo_surface_finish(surface)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw CocoaError(.fileWriteUnknown) }
    }
}
