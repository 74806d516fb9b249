import CPoppler
import FormPipeLayout

/// Owns one `PopplerPage *` and releases it in `deinit`; keeps its document alive.
package final class PopplerPage {
    private let handle: OpaquePointer
    private let document: PopplerDocument

    init(handle: OpaquePointer, document: PopplerDocument) {
        self.handle = handle
        self.document = document
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(handle))
    }

    /// Page size in PDF points. The corresponding C function is `poppler_page_get_size`.
    var size: (width: Double, height: Double) {
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(handle, &width, &height)
        return (width, height)
    }

    /// Every character of the text layer with its box (points, origin top-left), in Poppler's
    /// reading order, spaces and line breaks included.
    ///
    /// `poppler_page_get_text_layout` returns one rectangle per Unicode scalar of the text that
    /// `poppler_page_get_text` returns; a `\n` gets a zero-size box. Both are called on the same
    /// page object, so the layout call reuses the text Poppler already built.
    func characters() -> [PageCharacter] {
        guard let textPointer = poppler_page_get_text(handle) else { return [] }
        defer { g_free(textPointer) }
        let text = String(cString: textPointer)
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        guard poppler_page_get_text_layout(handle, &rectangles, &count) != 0, let rectangles else { return [] }
        defer { g_free(rectangles) }
        var result: [PageCharacter] = []
        result.reserveCapacity(Int(count))
        var index = 0
        for scalar in text.unicodeScalars {
            // The counts agree in every file seen so far; stop rather than read past the array.
            guard index < Int(count) else { break }
            let box = rectangles[index]
            index += 1
            if scalar == "\n" || scalar == "\r" { continue }
            result.append(
                PageCharacter(scalar: scalar, box: BoundingBox(x0: box.x1, y0: box.y1, x1: box.x2, y1: box.y2)))
        }
        return result
    }

    /// The share (0…1) of the page covered by its largest image: about 1 for a scanned page.
    ///
    /// The corresponding C function is `poppler_page_get_image_mapping`.
    func largestImageCoverage() -> Double {
        let (width, height) = size
        guard width > 0, height > 0, let list = poppler_page_get_image_mapping(handle) else { return 0 }
        defer { poppler_page_free_image_mapping(list) }
        var largest = 0.0
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let mapping = current.pointee.data?.assumingMemoryBound(to: PopplerImageMapping.self) {
                let area = mapping.pointee.area
                let box = BoundingBox(x0: area.x1, y0: area.y1, x1: area.x2, y1: area.y2)
                let page = BoundingBox(x0: 0, y0: 0, x1: width, y1: height)
                largest = max(largest, box.intersectionArea(page) / page.area)
            }
            node = current.pointee.next
        }
        return largest
    }

    /// Renders the page at `dpi` onto a white background and returns it as grey levels.
    ///
    /// `poppler_page_render` paints no background, so the surface is filled white first. Cairo's
    /// RGB24 pixels are 32-bit words whose bytes in memory are B, G, R, unused.
    package func renderGrey(dpi: Double) -> GreyImage {
        let (width, height) = size
        let scale = dpi / 72
        let pixelWidth = max(1, Int((width * scale).rounded(.up)))
        let pixelHeight = max(1, Int((height * scale).rounded(.up)))
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pixelWidth), Int32(pixelHeight))
        defer { cairo_surface_destroy(surface) }
        let context = cairo_create(surface)
        defer { cairo_destroy(context) }
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, scale, scale)
        poppler_page_render(handle, context)
        cairo_surface_flush(surface)

        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface)
        else { return GreyImage(width: pixelWidth, height: pixelHeight, fill: 255) }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let pixels = [UInt8](unsafeUninitializedCapacity: pixelWidth * pixelHeight) { buffer, initialized in
            let words = UnsafeRawPointer(data)
            for y in 0..<pixelHeight {
                let row = y * stride
                let out = y * pixelWidth
                var x = 0
                let out8 = UnsafeMutableRawPointer(buffer.baseAddress!) + out
                while x < pixelWidth {
                    // Most of a page is white paper: eight white pixels at a time take four loads
                    // and one store, two at a time one load.
                    if x + 8 <= pixelWidth {
                        let at = row + 4 * x
                        let white: UInt64 = 0x00FF_FFFF_00FF_FFFF
                        if words.loadUnaligned(fromByteOffset: at, as: UInt64.self)
                            & words.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self)
                            & words.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self)
                            & words.loadUnaligned(fromByteOffset: at + 24, as: UInt64.self) & white == white
                        {
                            out8.storeBytes(of: UInt64.max, toByteOffset: x, as: UInt64.self)
                            x += 8
                            continue
                        }
                    }
                    if x + 2 <= pixelWidth,
                        words.loadUnaligned(fromByteOffset: row + 4 * x, as: UInt64.self) & 0x00FF_FFFF_00FF_FFFF
                            == 0x00FF_FFFF_00FF_FFFF
                    {
                        buffer[out + x] = 255
                        buffer[out + x + 1] = 255
                        x += 2
                        continue
                    }
                    let pixel = words.loadUnaligned(fromByteOffset: row + 4 * x, as: UInt32.self)
                    let blue = pixel & 0xFF
                    let green = (pixel >> 8) & 0xFF
                    let red = (pixel >> 16) & 0xFF
                    buffer[out + x] = UInt8((red * 77 + green * 150 + blue * 29) >> 8)
                    x += 1
                }
            }
            initialized = pixelWidth * pixelHeight
        }
        return GreyImage(width: pixelWidth, height: pixelHeight, pixels: pixels)
    }
}
