import Testing

@testable import FormPipeLayout

/// A thick line found only with a scan's thicker allowance is kept where it joins the table
/// (both ends on crossing rulings), never where it floats (a bold title's strokes).
struct ThickRulingRecoveryTests {
    static func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> RulingSegment {
        RulingSegment(
            orientation: y0 == y1 ? .horizontal : .vertical, start: PagePoint(x: x0, y: y0),
            end: PagePoint(x: x1, y: y1))
    }

    static let table = [
        line(100, 100, 500, 100), line(100, 200, 500, 200), line(100, 100, 100, 200), line(500, 100, 500, 200),
    ]

    @Test func aThickRuleBetweenTwoVerticalsIsAdded() {
        let thick = Self.table + [Self.line(101, 150, 499, 150)]
        let recovered = ThickRulingRecovery(tolerance: 4).recovered(thin: Self.table, thick: thick)
        #expect(recovered.count == Self.table.count + 1)
        #expect(recovered.contains(Self.line(101, 150, 499, 150)))
    }

    @Test func floatingStrokesAndLinesAlreadyFoundAreNot() {
        let title = Self.line(200, 50, 350, 50)
        let halfway = Self.line(101, 170, 300, 170)
        let again = Self.line(100, 101, 500, 101)
        let recovered = ThickRulingRecovery(tolerance: 4).recovered(
            thin: Self.table, thick: Self.table + [title, halfway, again])
        #expect(recovered == Self.table)
    }
}

/// A closed box of short lines (a bold title's strokes) is dropped; a table's rules, connected
/// to its long frame, are kept, short ones included.
struct FramelessRulingFilterTests {
    @Test func shortBoxesAwayFromAFrameAreDropped() {
        let line = ThickRulingRecoveryTests.line
        let table = ThickRulingRecoveryTests.table + [line(300, 100, 300, 200)]
        let titleBox = [line(200, 40, 212, 40), line(200, 60, 212, 60), line(200, 40, 200, 60), line(212, 40, 212, 60)]
        let kept = FramelessRulingFilter(tolerance: 4, frameLength: 100).kept(table + titleBox)
        #expect(kept == table)
    }
}
