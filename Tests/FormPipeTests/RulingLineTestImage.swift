import Foundation

@testable import FormPipeLayout

/// Draws synthetic pages for the line detector: anti-aliased lines, blobs, strokes, noise.
struct RulingLineTestImage {
    var image: GreyImage
    let paper: UInt8

    init(width: Int = 600, height: Int = 500, paper: UInt8 = 255) {
        image = GreyImage(width: width, height: height, fill: paper)
        self.paper = paper
    }

    /// A line of `thickness` pixels from `a` to `b`, pixel coverage by distance from the centre.
    /// `gaps` are ranges of the position along the line (0…length, pixels) left undrawn.
    mutating func line(
        from a: PagePoint, to b: PagePoint, thickness: Double = 1, ink: UInt8 = 0, gaps: [ClosedRange<Double>] = []
    ) {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        let (ux, uy) = (dx / length, dy / length)
        let reach = thickness / 2 + 1
        let xs = Int(min(a.x, b.x) - reach)...Int(max(a.x, b.x) + reach)
        let ys = Int(min(a.y, b.y) - reach)...Int(max(a.y, b.y) + reach)
        for y in ys where y >= 0 && y < image.height {
            for x in xs where x >= 0 && x < image.width {
                let px = Double(x) + 0.5 - a.x
                let py = Double(y) + 0.5 - a.y
                let along = px * ux + py * uy
                guard along >= 0, along <= length, !gaps.contains(where: { $0.contains(along) }) else { continue }
                let across = abs(px * uy - py * ux)
                let coverage = min(1, max(0, thickness / 2 + 0.5 - across))
                darken(x, y, coverage: coverage, ink: ink)
            }
        }
    }

    /// A solid rectangle (a stamp, a blot).
    mutating func blob(x: Int, y: Int, width: Int, height: Int, ink: UInt8 = 40) {
        for row in y..<y + height {
            for column in x..<x + width { darken(column, row, coverage: 1, ink: ink) }
        }
    }

    /// Deterministic noise of ± `amplitude` grey levels over the whole page.
    mutating func noise(amplitude: Int, seed: UInt64) {
        var state = seed
        for index in image.pixels.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let offset = Int(state >> 33) % (2 * amplitude + 1) - amplitude
            image.pixels[index] = UInt8(max(0, min(255, Int(image.pixels[index]) + offset)))
        }
    }

    private mutating func darken(_ x: Int, _ y: Int, coverage: Double, ink: UInt8) {
        let current = Double(image[x, y])
        let target = Double(paper) - coverage * Double(Int(paper) - Int(ink))
        image[x, y] = UInt8(min(current, target).rounded())
    }

    /// Draws the rulings of a `rows` × `columns` grid of `cellWidth` × `cellHeight` cells with
    /// its top-left corner at `origin`, rotated by `degrees` about that corner.
    mutating func grid(
        origin: PagePoint = PagePoint(x: 60, y: 50), rows: Int = 4, columns: Int = 3, cellWidth: Double = 150,
        cellHeight: Double = 90, degrees: Double = 0, thickness: Double = 1, ink: UInt8 = 0,
        gaps: [ClosedRange<Double>] = []
    ) {
        let angle = degrees * .pi / 180
        func place(_ x: Double, _ y: Double) -> PagePoint {
            PagePoint(x: origin.x + x * cos(angle) - y * sin(angle), y: origin.y + x * sin(angle) + y * cos(angle))
        }
        let width = Double(columns) * cellWidth
        let height = Double(rows) * cellHeight
        for row in 0...rows {
            let y = Double(row) * cellHeight
            line(from: place(0, y), to: place(width, y), thickness: thickness, ink: ink, gaps: gaps)
        }
        for column in 0...columns {
            let x = Double(column) * cellWidth
            line(from: place(x, 0), to: place(x, height), thickness: thickness, ink: ink, gaps: gaps)
        }
    }
}
