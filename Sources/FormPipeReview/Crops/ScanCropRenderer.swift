import CPoppler
import Foundation
import FormPipeExtract
import FormPipeLayout

/// Renders, for each repaired field of a PDF, a PNG of the page around the field's cell with
/// the cell outlined in red, so the reviewer compares the value with the scan without opening
/// the PDF.
///
/// Each page with repairs is rendered once (through the extractor's `PopplerPage.renderGrey`)
/// and every crop of that page is cut from that render. Scans are grey anyway, and grey keeps
/// the PNGs small.
enum ScanCropRenderer {
    /// Render resolution: small print (7–8 pt CJK) stays legible at 150 dpi.
    static let dpi = 150.0
    /// Context kept around the cell, in points: the neighbouring cells and the row's labels.
    static let margin = (horizontal: 48.0, vertical: 20.0)

    /// One PNG per field whose repairs give a page and a box, except on `skippedPages` (drawn
    /// from their text layer instead). Empty when the PDF cannot be opened: crops help review but
    /// are never worth failing a conversion.
    static func crops(for log: RepairLogFile, pdf: URL, skippedPages: Set<Int> = []) -> ScanCrops {
        var cells: [Int: [(key: String, box: BoundingBox)]] = [:]
        var seen: Set<String> = []
        for repair in log.machineRepairs {
            guard let page = repair.page, !skippedPages.contains(page), let box = repair.bbox, box.width > 0,
                box.height > 0
            else { continue }
            let key = ScanCrops.key(form: repair.form, field: repair.field)
            guard seen.insert(key).inserted else { continue }
            cells[page, default: []].append((key, box))
        }
        guard !cells.isEmpty, let document = try? PopplerDocument(path: pdf.path, displayName: pdf.lastPathComponent)
        else { return ScanCrops() }
        var crops = ScanCrops()
        for (pageNumber, pageCells) in cells.sorted(by: { $0.key < $1.key }) {
            guard let page = document.page(at: pageNumber - 1) else { continue }
            let image = page.renderGrey(dpi: dpi)
            for cell in pageCells {
                if let png = crop(image, around: cell.box) { crops.images[cell.key] = png }
            }
        }
        return crops
    }

    /// The PNG of `image` around `box` (points), the box outlined.
    static func crop(_ image: GreyImage, around box: BoundingBox) -> Data? {
        let scale = dpi / 72
        let left = max(0, Int(((box.x0 - margin.horizontal) * scale).rounded(.down)))
        let top = max(0, Int(((box.y0 - margin.vertical) * scale).rounded(.down)))
        let right = min(image.width, Int(((box.x1 + margin.horizontal) * scale).rounded(.up)))
        let bottom = min(image.height, Int(((box.y1 + margin.vertical) * scale).rounded(.up)))
        guard right > left, bottom > top else { return nil }
        let width = right - left
        let height = bottom - top

        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface)
        else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        // RGB24 words are B, G, R, unused in memory; grey puts the same level in all three.
        for y in 0..<height {
            let row = data + y * stride
            let source = (top + y) * image.width + left
            for x in 0..<width {
                let level = image.pixels[source + x]
                row[4 * x] = level
                row[4 * x + 1] = level
                row[4 * x + 2] = level
            }
        }
        cairo_surface_mark_dirty(surface)

        let context = cairo_create(surface)
        defer { cairo_destroy(context) }
        cairo_set_source_rgb(context, 0.85, 0.1, 0.1)
        cairo_set_line_width(context, 2)
        cairo_rectangle(
            context, box.x0 * scale - Double(left) - 1, box.y0 * scale - Double(top) - 1, box.width * scale + 2,
            box.height * scale + 2)
        cairo_stroke(context)
        cairo_surface_flush(surface)
        return PNGStream.encode(surface)
    }
}

/// Encodes a cairo surface as PNG bytes in memory.
///
/// The corresponding C function is `cairo_surface_write_to_png_stream`, whose callback is a C
/// function pointer: it cannot capture, so the output buffer travels through `closure`.
enum PNGStream {
    private final class Sink {
        var data = Data()
    }

    static func encode(_ surface: OpaquePointer?) -> Data? {
        let sink = Sink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(
                surface,
                { closure, bytes, length in
                    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                    Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                    return CAIRO_STATUS_SUCCESS
                }, Unmanaged.passUnretained(sink).toOpaque())
        }
        return status == CAIRO_STATUS_SUCCESS ? sink.data : nil
    }
}
