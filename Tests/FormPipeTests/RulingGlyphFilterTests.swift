import Testing

@testable import FormPipeLayout

/// OCR glyphs that are really a vertical ruling are dropped; the same glyphs away from a
/// ruling, and other characters on it, are kept.
struct RulingGlyphFilterTests {
    let ruling = RulingSegment(orientation: .vertical, start: PagePoint(x: 100, y: 0), end: PagePoint(x: 100.5, y: 200))

    private func glyph(_ scalar: Unicode.Scalar, x: Double, y: Double = 50) -> PageCharacter {
        PageCharacter(scalar: scalar, box: BoundingBox(x0: x, y0: y, x1: x + 3, y1: y + 12))
    }

    @Test func barOnARulingIsDropped() {
        let characters = [glyph("1", x: 80), glyph("|", x: 98.5), glyph("8", x: 104)]
        let (kept, dropped) = RulingGlyphFilter.removingRulingGlyphs(from: characters, rulings: [ruling])
        #expect(kept.map(\.scalar) == ["1", "8"])
        #expect(dropped == 1)
    }

    @Test func barAwayFromARulingOrBeyondItsEndIsKept() {
        let characters = [glyph("|", x: 60), glyph("|", x: 98.5, y: 230), glyph("项", x: 98)]
        let (kept, dropped) = RulingGlyphFilter.removingRulingGlyphs(from: characters, rulings: [ruling])
        #expect(kept.count == 3)
        #expect(dropped == 0)
    }
}
