import CPoppler

@testable import FormPipeLayout

/// Grey images drawn with cairo in a Noto CJK font (fonts-noto-cjk): text, rulings and specks,
/// positioned in points and rendered at a chosen dpi, for OCR tests that must not depend on a
/// scanned fixture.
final class SyntheticPage {
    let dpi: Double
    let width: Int
    let height: Int
    private let surface: OpaquePointer
    private let context: OpaquePointer

    /// A white page of `width × height` points.
    init(width points: Double, height heightPoints: Double, dpi: Double = 300) {
        self.dpi = dpi
        width = Int((points * dpi / 72).rounded(.up))
        height = Int((heightPoints * dpi / 72).rounded(.up))
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
        context = cairo_create(surface)
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, dpi / 72, dpi / 72)
        cairo_set_source_rgb(context, 0, 0, 0)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Text with its baseline starting at (x, y) points.
    func text(
        _ text: String, x: Double, y: Double, points: Double = 10.5, family: String = "Noto Serif CJK SC",
        bold: Bool = false
    ) {
        cairo_select_font_face(
            context, family, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, points)
        cairo_move_to(context, x, y)
        cairo_show_text(context, text)
    }

    /// A ruling from (x0, y0) to (x1, y1) points, 0.75 pt wide like the forms' rules.
    func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, width: Double = 0.75) {
        cairo_set_line_width(context, width)
        cairo_move_to(context, x0, y0)
        cairo_line_to(context, x1, y1)
        cairo_stroke(context)
    }

    /// A round speck of dust.
    func dot(x: Double, y: Double, radius: Double) {
        cairo_arc(context, x, y, radius, 0, 2 * Double.pi)
        cairo_fill(context)
    }

    /// The page as grey levels (0 black … 255 white).
    var grey: GreyImage {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                // RGB24 bytes in memory: B, G, R, unused; black on white, so green is enough.
                pixels[y * width + x] = data[y * stride + 4 * x + 1]
            }
        }
        return GreyImage(width: width, height: height, pixels: pixels)
    }
}

/// Lines of text on a white image just big enough for them, for the engine tests.
struct SyntheticTextImage {
    let pixels: [UInt8]
    let width: Int
    let height: Int

    init(lines: [String], points: Double = 10.5, dpi: Double = 300, family: String = "Noto Serif CJK SC") {
        let widthPoints = points * Double(lines.map(\.count).max() ?? 1) * 1.1 + points * 2
        let page = SyntheticPage(width: widthPoints, height: points * 1.6 * Double(lines.count) + points, dpi: dpi)
        for (index, line) in lines.enumerated() {
            page.text(line, x: points, y: points * 1.6 * Double(index + 1), points: points, family: family)
        }
        let grey = page.grey
        pixels = grey.pixels
        width = grey.width
        height = grey.height
    }
}
