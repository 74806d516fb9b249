import Foundation
import FormPipeCore
import FormPipeLayout

/// Draws the review crops of born-digital pages as SVG: the page's ruling lines and its words at
/// the boxes the text layer gives them, around the repaired cell, which is outlined in red.
///
/// On a born-digital page the text layer and the rulings are what the PDF shows, so the drawing
/// holds what the reviewer needs (how a number wrapped, which column a value sat in), costs
/// microseconds, and stays sharp at any zoom. Rendering the page again at a legible 150 dpi and
/// encoding PNGs cost about 70 ms a page, four times the rest of the conversion. Scans keep
/// pixel crops (``ScanCropRenderer``): there the image is the only truth.
enum TextLayerCropDrawer {
    /// Context kept around the cell, in points, as for the scan crops.
    static let margin = ScanCropRenderer.margin
    /// Pixels per point of the drawing's intrinsic size: the scale of the 150-dpi scan crops.
    static let scale = ScanCropRenderer.dpi / 72

    /// One SVG per repaired field whose page is in `sketches` and whose repair gives a box.
    static func crops(for log: RepairLogFile, sketches: [Int: PageSketch]) -> ScanCrops {
        var crops = ScanCrops()
        for repair in log.machineRepairs {
            guard let page = repair.page, let sketch = sketches[page], let box = repair.bbox, box.width > 0,
                box.height > 0
            else { continue }
            let key = ScanCrops.key(form: repair.form, field: repair.field)
            guard crops.images[key] == nil else { continue }
            crops.images[key] = svg(sketch, around: box)
        }
        return crops
    }

    /// The SVG of `sketch` around `box` (points).
    static func svg(_ sketch: PageSketch, around box: BoundingBox) -> Data {
        let region = BoundingBox(
            x0: max(0, box.x0 - margin.horizontal), y0: max(0, box.y0 - margin.vertical),
            x1: min(sketch.width, box.x1 + margin.horizontal), y1: min(sketch.height, box.y1 + margin.vertical))
        var out = #"<svg xmlns="http://www.w3.org/2000/svg""#
        out += #" width="\#(formatted(region.width * scale))" height="\#(formatted(region.height * scale))""#
        out += #" viewBox="\#(formatted(region.x0)) \#(formatted(region.y0))"#
        out += #" \#(formatted(region.width)) \#(formatted(region.height))">"#
        out += #"<rect x="\#(formatted(region.x0))" y="\#(formatted(region.y0))" width="100%" height="100%" fill="white"/>"#
        out += #"<g stroke="black" stroke-width="0.6">"#
        for ruling in sketch.rulings {
            let extent = BoundingBox(
                x0: min(ruling.start.x, ruling.end.x), y0: min(ruling.start.y, ruling.end.y),
                x1: max(ruling.start.x, ruling.end.x), y1: max(ruling.start.y, ruling.end.y))
            guard extent.touches(region) else { continue }
            out += #"<line x1="\#(formatted(ruling.start.x))" y1="\#(formatted(ruling.start.y))""#
            out += #" x2="\#(formatted(ruling.end.x))" y2="\#(formatted(ruling.end.y))"/>"#
        }
        out += #"</g><g font-family="Noto Serif CJK SC,Noto Sans CJK SC,serif" fill="black">"#
        for word in sketch.words {
            guard let wordBox = word.box, wordBox.width > 0, wordBox.height > 0, wordBox.touches(region) else {
                continue
            }
            // Poppler's character boxes run from the font's ascent to its descent: the baseline
            // sits about a fifth of the box above its bottom.
            out += #"<text x="\#(formatted(wordBox.x0))" y="\#(formatted(wordBox.y1 - 0.2 * wordBox.height))""#
            out += #" font-size="\#(formatted(0.85 * wordBox.height))" textLength="\#(formatted(wordBox.width))""#
            out += #" lengthAdjust="spacingAndGlyphs">\#(HTMLBuilder.escape(word.text))</text>"#
        }
        out += "</g>"
        out += #"<rect x="\#(formatted(box.x0 - 0.5))" y="\#(formatted(box.y0 - 0.5))" width="\#(formatted(box.width + 1))""#
        out += #" height="\#(formatted(box.height + 1))" fill="none" stroke="rgb(217,26,26)" stroke-width="1"/></svg>"#
        return Data(out.utf8)
    }
}
