/// One visual line of characters, left to right.
public struct CharacterLine: Sendable, Hashable {
    public var characters: [PageCharacter]

    public var box: BoundingBox {
        characters.dropFirst().reduce(characters[0].box) { $0.union($1.box) }
    }

    /// The line's first ink (its leading spaces do not count).
    public var inkStart: Double { characters.first { !$0.isWhitespace }?.box.x0 ?? box.x0 }
    public var inkEnd: Double { characters.last { !$0.isWhitespace }?.box.x1 ?? box.x1 }
}

/// Groups characters into lines by their vertical position and orders each line by x; turns a
/// line into text with spaces only where the page shows a gap or has a space character.
public enum TextLineGrouper {
    /// Lines top to bottom. A character joins a line when its vertical centre falls inside the
    /// line's band and the band's centre falls inside the character: rows of text in one cell are
    /// a line-spacing apart, so neither condition holds across two rows.
    public static func lines(of characters: [PageCharacter]) -> [CharacterLine] {
        let sorted = characters.filter { $0.box.height > 0 }.sorted { $0.centerY < $1.centerY }
        var lines: [[PageCharacter]] = []
        var band = (y0: 0.0, y1: 0.0)
        for character in sorted {
            let bandCentre = (band.y0 + band.y1) / 2
            if !lines.isEmpty, character.centerY <= band.y1, bandCentre >= character.box.y0 {
                lines[lines.count - 1].append(character)
                band = (min(band.y0, character.box.y0), max(band.y1, character.box.y1))
            } else {
                lines.append([character])
                band = (character.box.y0, character.box.y1)
            }
        }
        return lines.map { CharacterLine(characters: $0.sorted { $0.box.x0 < $1.box.x0 }) }
    }

    /// The em of a group of characters: the median width of full-width characters (ideographs
    /// are one em wide), else the median height. Used to measure gaps and indents.
    public static func em(of characters: some Sequence<PageCharacter>) -> Double {
        let ink = characters.filter { !$0.isWhitespace }
        let wide = ink.filter(\.isFullWidth).map(\.box.width).sorted()
        if !wide.isEmpty { return wide[wide.count / 2] }
        let heights = ink.map(\.box.height).sorted()
        return heights.isEmpty ? 10 : heights[heights.count / 2]
    }

    /// The line's text: characters in x order, one space where Poppler put a space character or
    /// where the gap between two characters is at least `spaceGap` em; no other spaces.
    public static func text(of line: CharacterLine, em: Double, spaceGap: Double = 0.3) -> String {
        words(of: line, em: em, spaceGap: spaceGap).map(\.text).joined(separator: " ")
    }

    /// The line cut where a gap is at least `gap` em wide: a page header's left and right parts
    /// are two pieces of text, not one.
    public static func pieces(of line: CharacterLine, em: Double, gap: Double = 3) -> [CharacterLine] {
        var pieces: [[PageCharacter]] = [[]]
        var previousEnd: Double?
        for character in line.characters where !character.isWhitespace || !pieces[pieces.count - 1].isEmpty {
            if !character.isWhitespace, let end = previousEnd, character.box.x0 - end >= gap * em { pieces.append([]) }
            pieces[pieces.count - 1].append(character)
            if !character.isWhitespace { previousEnd = character.box.x1 }
        }
        return pieces.filter { $0.contains { !$0.isWhitespace } }.map { CharacterLine(characters: $0) }
    }

    /// The line split at spaces and visible gaps, each piece with its box.
    public static func words(of line: CharacterLine, em: Double, spaceGap: Double = 0.3) -> [TextLine] {
        var words: [TextLine] = []
        var current = ""
        var box: BoundingBox?
        var previousEnd: Double?
        func finish() {
            if !current.isEmpty { words.append(TextLine(text: current, box: box)) }
            current = ""
            box = nil
        }
        for character in line.characters {
            if character.isWhitespace {
                finish()
                continue
            }
            if let end = previousEnd, character.box.x0 - end >= spaceGap * em { finish() }
            current.unicodeScalars.append(character.scalar)
            box = box.map { $0.union(character.box) } ?? character.box
            previousEnd = character.box.x1
        }
        finish()
        return words
    }
}
