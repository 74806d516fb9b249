import CPoppler

/// Grey images of text drawn with cairo in a Noto CJK font, for OCR tests that must not
/// depend on a scanned fixture.
struct SyntheticTextImage {
    let pixels: [UInt8]
    let width: Int
    let height: Int

    /// Draws `lines` left-aligned, one below the other, on white.
    ///
    /// - Parameters:
    ///   - points: font size in points; with `dpi` it gives the size in pixels.
    ///   - family: a fontconfig family name (fonts-noto-cjk provides "Noto Sans CJK SC" and
    ///     "Noto Serif CJK SC").
    init(lines: [String], points: Double = 10.5, dpi: Double = 300, family: String = "Noto Serif CJK SC") {
        let scale = dpi / 72
        let size = points * scale
        let width = Int(size * Double(lines.map(\.count).max() ?? 1) * 1.1 + size * 2)
        let height = Int(size * 1.6 * Double(lines.count) + size)
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
        defer { cairo_surface_destroy(surface) }
        let context = cairo_create(surface)
        defer { cairo_destroy(context) }
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_set_source_rgb(context, 0, 0, 0)
        cairo_select_font_face(context, family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
        for (index, line) in lines.enumerated() {
            cairo_move_to(context, size, size * 1.6 * Double(index + 1))
            cairo_show_text(context, line)
        }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                // RGB24 bytes in memory: B, G, R, unused; black text on white, so one channel is enough.
                pixels[y * width + x] = data[y * stride + 4 * x + 1]
            }
        }
        self.pixels = pixels
        self.width = width
        self.height = height
    }
}
