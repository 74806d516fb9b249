/// Finds a leading "≥" or "≤" in a cell by its shape.
///
/// Tesseract cannot read these signs: neither `chi_sim` nor `eng` has U+2265 or U+2264 in its
/// character set, so a target such as "≥90%" comes back as "之90%", "290%", "Z90%", ">90%"
/// or without its sign. The printed sign (⩾ or ⩽ in the CJK fonts) is two strokes, a chevron
/// over a bar, which no digit and no ideograph that starts a value resembles:
/// - the first glyph of the line is two ink components, one above the other, the lower one
///   (the bar, straight or slanted) about as wide as the upper one;
/// - the upper one is a chevron: its ink sits at one side in its top and bottom rows and at the
///   other side in its middle rows (the apex). An apex on the right is "≥", on the left "≤".
/// A plain ">" or "<" has no bar and is left alone.
package struct ComparisonSignDetector {
    /// How far (share of the chevron's width) the apex must lie from the arms' ends.
    var minimumSwing = 0.4

    struct Detection: Equatable {
        var sign: String
        /// The sign's ink in the cell image's pixels.
        var box: PixelBox
    }

    /// The sign at the start of the first text line of `image` (binary: ink is 0), if any.
    func detect(in image: CellImage, em: Int) -> Detection? {
        guard let band = image.lineBands.first(where: { $0.count >= em / 3 }) else { return nil }
        let components = InkComponents(pixels: image.pixels, width: image.width, height: image.height, ink: 128)
        let inLine = components.indices.map { components[$0] }.filter {
            $0.box.y0 < band.upperBound && band.lowerBound < $0.box.y1
        }
        guard let first = inLine.min(by: { $0.box.x0 < $1.box.x0 }) else { return nil }
        let glyph = inLine.filter { other in
            let overlap = min(other.box.x1, first.box.x1) - max(other.box.x0, first.box.x0)
            return overlap * 2 >= min(other.box.width, first.box.width)
        }
        guard glyph.count == 2 else { return nil }
        let (chevron, bar) = glyph[0].box.y0 <= glyph[1].box.y0 ? (glyph[0], glyph[1]) : (glyph[1], glyph[0])
        let box = PixelBox(
            x0: min(chevron.box.x0, bar.box.x0), y0: chevron.box.y0, x1: max(chevron.box.x1, bar.box.x1), y1: bar.box.y1
        )
        guard box.width >= em / 3, box.width <= em, box.height >= em / 3, box.height <= em,
            bar.box.y0 * 2 > chevron.box.y0 + chevron.box.y1, bar.box.width * 2 >= chevron.box.width,
            chevron.box.height * 2 >= chevron.box.width,
            let sign = direction(of: chevron, in: components)
        else { return nil }
        return Detection(sign: sign, box: box)
    }

    /// "≥" for a chevron pointing right, "≤" for one pointing left, else nil.
    func direction(of chevron: InkComponent, in components: InkComponents) -> String? {
        let box = chevron.box
        // Mean x (0…1 of the box's width) of the chevron's ink in a band of its rows.
        func meanX(_ from: Double, _ to: Double) -> Double? {
            let first = box.y0 + Int(Double(box.height) * from)
            let last = max(first + 1, box.y0 + Int(Double(box.height) * to))
            var sum = 0
            var count = 0
            for y in first..<min(last, box.y1) {
                for x in box.x0..<box.x1 where components.belongs(x: x, y: y, to: chevron.id) {
                    sum += x - box.x0
                    count += 1
                }
            }
            return count == 0 ? nil : (Double(sum) / Double(count) + 0.5) / Double(box.width)
        }
        guard let top = meanX(0, 0.15), let apex = meanX(0.42, 0.58), let bottom = meanX(0.85, 1) else { return nil }
        if apex - top >= minimumSwing && apex - bottom >= minimumSwing { return "≥" }
        if top - apex >= minimumSwing && bottom - apex >= minimumSwing { return "≤" }
        return nil
    }
}
