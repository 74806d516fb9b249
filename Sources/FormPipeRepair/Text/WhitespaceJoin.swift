/// A run of spaces or line breaks inside one cell, with the characters on either side.
struct WhitespaceGap {
    let left: Character
    let right: Character
    let run: Substring
    private let characters: [Character]
    private let start: Int
    private let end: Int

    init(characters: [Character], start: Int, end: Int, run: Substring) {
        self.characters = characters
        self.start = start
        self.end = end
        self.run = run
        self.left = characters[start - 1]
        self.right = characters[end]
    }

    var containsLineBreak: Bool { run.contains("\n") }

    /// Up to `limit` characters before the gap (for rules that look back, such as the slogan
    /// guard that looks for an open quotation mark). Built on demand: most rules never ask.
    func before(limit: Int = 40) -> Substring { Substring(String(characters[max(0, start - limit)..<start])) }
    func after(limit: Int = 40) -> Substring { Substring(String(characters[end..<min(characters.count, end + limit)])) }

    /// Whether one of the `limit` characters before the gap satisfies `predicate` (what
    /// `before(limit:)` would hold, without building it).
    func hasBefore(limit: Int = 40, where predicate: (Character) -> Bool) -> Bool {
        characters[max(0, start - limit)..<start].contains(where: predicate)
    }
}

/// Rewrites every whitespace gap inside `text` for which `decide` returns a replacement.
/// Leading and trailing whitespace and paragraph breaks ("\n\n") are left for later stages.
func rewriteWhitespaceGaps(in text: String, _ decide: (WhitespaceGap) -> String?) -> String {
    // Most cells hold no inner whitespace at all; don't pay for a character array then.
    guard text.unicodeScalars.contains(where: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\u{3000}" || $0 == "\u{A0}" })
    else { return text }
    let characters = Array(text)
    var output = ""
    output.reserveCapacity(text.utf8.count)
    var index = 0
    while index < characters.count {
        let character = characters[index]
        guard character.isCellWhitespace, index > 0 else {
            output.append(character)
            index += 1
            continue
        }
        var end = index
        while end < characters.count, characters[end].isCellWhitespace { end += 1 }
        let run = String(characters[index..<end])
        let isParagraphBreak = run.filter { $0 == "\n" }.count >= 2
        if end < characters.count, !isParagraphBreak {
            output += decide(WhitespaceGap(characters: characters, start: index, end: end, run: Substring(run))) ?? run
        } else {
            output += run
        }
        index = end
    }
    return output
}
