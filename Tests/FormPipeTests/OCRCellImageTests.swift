import Testing

@testable import FormPipeExtract
@testable import FormPipeLayout

/// Cells as Tesseract sees them, on images drawn here: specks and ruling leftovers removed,
/// rulings erased along their slope, "≥"/"≤" told from "2" and ">" by shape.
struct OCRCellImageTests {
    static let em = 42  // 10 pt at 300 dpi

    private func cleaned(_ page: SyntheticPage) throws -> CellImage {
        let grey = page.grey
        let crop = try #require(
            CellImage(
                page: grey, box: PixelBox(x0: 0, y0: 0, x1: grey.width, y1: grey.height), inset: 0, margin: 0, ink: 200,
                paper: 255))
        return try #require(crop.cleaned(ink: 200, em: Self.em))
    }

    @Test func cleaningDropsDustAndRulingLeftoversButKeepsTheDecimalPoint() throws {
        let page = SyntheticPage(width: 80, height: 30)
        page.text("7.5", x: 30, y: 20)
        page.dot(x: 5, y: 25, radius: 0.4)  // dust, far from the text
        page.line(0, 0.6, 80, 0.6, width: 0.5)  // what is left of the cell's top rule
        let cell = try cleaned(page)
        // Cut down to the digits: the dust at the left and the rule at the top are gone.
        #expect(cell.originX >= 30 * 300 / 72 - Self.em / 2)
        #expect(cell.originY >= 8 * 300 / 72)
        #expect(cell.width < 25 * 300 / 72)
        let components = InkComponents(pixels: cell.pixels, width: cell.width, height: cell.height, ink: 128)
        #expect(components.indices.count == 3, "7, the decimal point and 5")
    }

    @Test func emptyCellHasNoInkLeft() {
        let page = SyntheticPage(width: 60, height: 30)
        page.dot(x: 30, y: 15, radius: 0.3)
        let grey = page.grey
        let crop = CellImage(
            page: grey, box: PixelBox(x0: 0, y0: 0, x1: grey.width, y1: grey.height), inset: 0, margin: 0, ink: 200,
            paper: 255)
        #expect(crop?.cleaned(ink: 200, em: Self.em) == nil)
    }

    /// A text cell printed with its ink at `ink` on paper at `paper` (a heavy scan: grey 100 on
    /// 220; a light one: 20 on 240), cleaned at 80 % of the paper level in `tone`.
    private func printed(ink: Int, paper: Int, tone: CellTone) throws -> CellImage {
        let page = SyntheticPage(width: 80, height: 30)
        page.text("市支援", x: 10, y: 20)
        let drawn = page.grey
        let levels = drawn.pixels.map { UInt8(ink + Int($0) * (paper - ink) / 255) }
        let grey = GreyImage(width: drawn.width, height: drawn.height, pixels: levels)
        let threshold = UInt8(paper * 4 / 5)
        let crop = try #require(
            CellImage(
                page: grey, box: PixelBox(x0: 0, y0: 0, x1: grey.width, y1: grey.height), inset: 0, margin: 0,
                ink: threshold, paper: UInt8(paper)))
        return try #require(crop.cleaned(ink: threshold, paper: UInt8(paper), em: Self.em, tone: tone))
    }

    @Test func faintInkIsStretchedToBlackOnWhite() throws {
        let cell = try printed(ink: 100, paper: 220, tone: .contrast)
        // The strokes' cores black (the PP-OCR worker cuts its lines at mid-grey), their blurred
        // edges grey, the paper white.
        #expect(cell.pixels.min() == 0)
        #expect(cell.pixels.contains { $0 > 0 && $0 < 255 })
        #expect(cell.pixels.filter { $0 < 128 }.count * 2 >= cell.inkCount)
        #expect(cell.pixels.first == 255)
        // Only scaled to the paper, the same strokes stay lighter than mid-grey.
        let scaled = try printed(ink: 100, paper: 220, tone: .grey)
        #expect(scaled.pixels.min()! >= 100)
    }

    @Test func darkInkStaysBlackInTheContrastTone() throws {
        let contrast = try printed(ink: 20, paper: 240, tone: .contrast)
        let black = try printed(ink: 20, paper: 240, tone: .black)
        #expect(contrast.pixels == black.pixels)
    }

    static let signs: [(text: String, sign: String?)] = [
        ("≥90%", "≥"), ("≤2小时", "≤"), ("≥4场", "≥"), ("≤83.3674万元", "≤"),
        // Not signs: a digit, a plain comparison, an ideograph, a bar.
        ("290%", nil), (">90%", nil), ("<2小时", nil), ("2个", nil), ("之90%", nil), ("二", nil), ("100%", nil),
    ]

    @Test(arguments: signs)
    func comparisonSignsAreFoundByShape(_ example: (text: String, sign: String?)) throws {
        let page = SyntheticPage(width: 90, height: 24)
        page.text(example.text, x: 4, y: 16)
        let cell = try cleaned(page)
        #expect(ComparisonSignDetector().detect(in: cell, em: Self.em)?.sign == example.sign)
    }

    @Test func rulingsAreErasedAlongTheirSlopeAndTextNextToThemSurvives() {
        // A cell skewed by 1° (as scans are), with text close to its top rule.
        let skew = 0.0175
        let page = SyntheticPage(width: 200, height: 60)
        page.line(20, 10, 180, 10 + 160 * skew)
        page.line(20, 50, 180, 50 + 160 * skew)
        page.line(20, 10, 20 - 40 * skew, 50)
        page.line(180, 10 + 160 * skew, 180 - 40 * skew, 50 + 160 * skew)
        page.text("三级指标", x: 60, y: 30)
        var grey = page.grey
        let before = grey.pixels.filter { $0 < 200 }.count
        let cell = GridCell(
            box: BoundingBox(x0: 20 - 20 * skew, y0: 10 + 80 * skew, x1: 180 - 20 * skew, y1: 50 + 80 * skew), row: 0,
            column: 0, rowSpan: 1, columnSpan: 1)
        let table = DetectedTable(cells: [cell], columnEdges: [20, 180], rowEdges: [10, 50], skew: skew)
        grey.eraseRulings(table.cellEdges, scale: 300.0 / 72, ink: 200, halfWidth: 4, search: 10, maximumThickness: 10)
        // No long dark run is left anywhere; the text keeps most of its ink.
        var longest = 0
        for y in 0..<grey.height {
            var run = 0
            for x in 0..<grey.width {
                run = grey[x, y] < 200 ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        #expect(longest < Self.em)
        let after = grey.pixels.filter { $0 < 200 }.count
        #expect(after > 0 && after < before / 2)
        let textInk = SyntheticPage(width: 200, height: 60)
        textInk.text("三级指标", x: 60, y: 30)
        #expect(Double(after) > 0.9 * Double(textInk.grey.pixels.filter { $0 < 200 }.count))
    }
}
