/// Removes the characters an OCR engine read off the table's own rulings.
///
/// Tesseract reads a vertical ruling next to a word as "|" (or "[", "]", "｜", "丨", "“") and puts it in
/// the text layer; such a glyph lands in one of the two cells beside the ruling and glues a
/// stray bar to its text ("|18.027|"). A bar-like glyph whose box contains a vertical ruling at
/// its middle height is that ruling, not text, so it is dropped. Only for OCR text layers: in a
/// born-digital PDF a "|" is a character someone typed.
public enum RulingGlyphFilter {
    static let barLike: Set<Unicode.Scalar> = ["|", "｜", "丨", "[", "]", "!", "l", "I", "“", "”", "‘", "’", "\""]

    /// - Returns: the characters to keep and how many were dropped.
    public static func removingRulingGlyphs(
        from characters: [PageCharacter], rulings: [RulingSegment], tolerance: Double = 1
    ) -> (kept: [PageCharacter], dropped: Int) {
        let verticals = rulings.filter { $0.orientation == .vertical }
        guard !verticals.isEmpty else { return (characters, 0) }
        var kept: [PageCharacter] = []
        kept.reserveCapacity(characters.count)
        for character in characters {
            if barLike.contains(character.scalar), liesOnRuling(character.box, verticals, tolerance) { continue }
            kept.append(character)
        }
        return (kept, characters.count - kept.count)
    }

    private static func liesOnRuling(_ box: BoundingBox, _ verticals: [RulingSegment], _ tolerance: Double) -> Bool {
        let middle = (box.y0 + box.y1) / 2
        return verticals.contains { ruling in
            guard middle >= ruling.start.y, middle <= ruling.end.y else { return false }
            let t = (middle - ruling.start.y) / max(1e-9, ruling.end.y - ruling.start.y)
            let x = ruling.start.x + t * (ruling.end.x - ruling.start.x)
            return x >= box.x0 - tolerance && x <= box.x1 + tolerance
        }
    }
}
