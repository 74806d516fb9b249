import Foundation
import Testing

@testable import FormPipeLayout

/// Characters into cells and cell text, on hand-placed characters (10 pt em).
struct PDFCellTextTests {
    /// Lays `text` out from `x` on the line whose top is `y`: ideographs 10 pt wide, ASCII 5 pt,
    /// with `gap` extra points after each character.
    private func characters(_ text: String, x: Double, y: Double, gap: Double = 0) -> [PageCharacter] {
        var result: [PageCharacter] = []
        var left = x
        for scalar in text.unicodeScalars {
            let width = scalar.isASCII ? 5.0 : 10.0
            result.append(
                PageCharacter(scalar: scalar, box: BoundingBox(x0: left, y0: y, x1: left + width, y1: y + 12)))
            left += width + gap
        }
        return result
    }

    @Test func linesAreJoinedWithNewlinesInVisualOrder() {
        // Poppler's order need not be the visual order: feed the second line first.
        let chars = characters("算数", x: 10, y: 30) + characters("年初预", x: 5, y: 15)
        #expect(CellTextAssembler.text(of: chars) == "年初预\n算数")
    }

    @Test(arguments: [
        (0.0, "123"), (2.0, "123"), (3.5, "1 2 3"),
    ])
    func spacesOnlyAtVisibleGaps(gap: Double, expected: String) {
        // The em is 10 pt (no ideographs: the median height, 12, would be used; add one).
        let chars = characters("123", x: 0, y: 0, gap: gap) + characters("项", x: 100, y: 40)
        #expect(CellTextAssembler.text(of: chars).components(separatedBy: "\n").first == expected)
    }

    @Test func popplerSpacesBecomeOneSpace() {
        let chars = characters("A  B", x: 0, y: 0)
        #expect(CellTextAssembler.text(of: chars) == "A B")
    }

    @Test func indentedLineStartsAParagraph() {
        let chars =
            characters("项目期目标带动", x: 20, y: 0) + characters("业发展促进东西部支", x: 0, y: 15)
            + characters("岗位。", x: 0, y: 30) + characters("增强受帮扶地区人", x: 20, y: 45)
            + characters("全感推动受帮扶地区", x: 0, y: 60)
        #expect(CellTextAssembler.text(of: chars) == "项目期目标带动\n业发展促进东西部支\n岗位。\n\n增强受帮扶地区人\n全感推动受帮扶地区")
    }

    @Test func centredLabelHasNoParagraph() {
        let chars = characters("服务对象", x: 0, y: 0) + characters("满意度指", x: 0, y: 15) + characters("标", x: 15, y: 30)
        #expect(CellTextAssembler.text(of: chars) == "服务对象\n满意度指\n标")
    }

    @Test func shortSentenceEndBeforeAFlushLineIsAParagraph() {
        let chars =
            characters("（1）统筹协调做好", x: 0, y: 0) + characters("援建工作。", x: 0, y: 15)
            + characters("（2）加强沟通协调", x: 0, y: 30) + characters("形成合力确保完成", x: 0, y: 45)
        #expect(CellTextAssembler.text(of: chars) == "（1）统筹协调做好\n援建工作。\n\n（2）加强沟通协调\n形成合力确保完成")
    }

    @Test func fullLineEndingASentenceIsNotAParagraph() {
        let chars = characters("做好服务保障工作。", x: 0, y: 0) + characters("推动援建项目实施", x: 0, y: 15)
        #expect(CellTextAssembler.text(of: chars) == "做好服务保障工作。\n推动援建项目实施")
    }

    @Test func eachCharacterGoesToTheCellItOverlapsMost() {
        let left = BoundingBox(x0: 0, y0: 0, x1: 50, y1: 20)
        let right = BoundingBox(x0: 50, y0: 0, x1: 100, y1: 20)
        // "410" ends in the left cell, "741.55" starts in the right one; one glyph straddles
        // the ruling but lies mostly on the right.
        let chars =
            characters("410", x: 30, y: 4) + characters("741.55", x: 48, y: 4)
            + [PageCharacter(scalar: "X", box: BoundingBox(x0: 200, y0: 4, x1: 205, y1: 16))]
        let (perCell, outside) = CellTextAssembler.assign(chars, to: [left, right])
        #expect(String(String.UnicodeScalarView(perCell[0].map(\.scalar))) == "410")
        #expect(String(String.UnicodeScalarView(perCell[1].map(\.scalar))) == "741.55")
        #expect(outside.map(\.scalar) == ["X"])
    }

    @Test func spaceBoxCrossingARulingGoesByItsCentre() {
        let left = BoundingBox(x0: 0, y0: 0, x1: 50, y1: 20)
        let right = BoundingBox(x0: 50, y0: 0, x1: 100, y1: 20)
        let space = PageCharacter(scalar: " ", box: BoundingBox(x0: 30, y0: 4, x1: 60, y1: 16))
        let (perCell, _) = CellTextAssembler.assign([space], to: [left, right])
        #expect(perCell[0].count == 1 && perCell[1].isEmpty)
    }

    /// On a page tilted by 1.5°, a 48-character line across a wide cell drops 12.6 pt from its
    /// first character to its last, nearly a line spacing: grouped in page coordinates the next
    /// line's first characters would join it.
    @Test func skewedPageTextIsReadAlongTheRulings() {
        let rotation = PageRotation(slope: -tan(1.5 * .pi / 180))
        func tilted(_ x: Double, _ y: Double) -> PagePoint { rotation.restored(PagePoint(x: x, y: y)) }
        func line(_ a: (Double, Double), _ b: (Double, Double), _ orientation: RulingSegment.Orientation)
            -> RulingSegment
        {
            RulingSegment(orientation: orientation, start: tilted(a.0, a.1), end: tilted(b.0, b.1))
        }
        let rulings = [
            line((20, 100), (580, 100), .horizontal), line((20, 160), (580, 160), .horizontal),
            line((20, 100), (20, 160), .vertical), line((60, 100), (60, 160), .vertical),
            line((580, 100), (580, 160), .vertical),
        ]
        let text = String(repeating: "增强受帮扶地区人民群众获得感幸福感和安全", count: 3).prefix(48)
        let straight = characters(String(text), x: 70, y: 110) + characters("全感推动", x: 70, y: 125)
        let page = straight.map { character in
            let centre = tilted(character.centerX, character.centerY)
            return PageCharacter(
                scalar: character.scalar,
                box: BoundingBox(x0: centre.x - 5, y0: centre.y - 6, x1: centre.x + 5, y1: centre.y + 6))
        }
        let layout = PageLayout.analyse(pageNumber: 1, width: 600, height: 800, characters: page, rulings: rulings)
        #expect(layout.cells.first?.map(\.text) == ["", text + "\n全感推动"])
        #expect(abs((layout.tables.first?.skew ?? 0) - rotation.slope) < 1e-6)
    }
}
