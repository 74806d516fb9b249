/// A run of spaces or line breaks inside one cell, with the characters on either side.
struct WhitespaceGap {
    let left: Character
    let right: Character
    let run: Substring
    /// The text before the gap within the same paragraph (for rules that look back, such as
    /// the slogan guard that looks for an open quotation mark).
    let before: Substring
    let after: Substring

    var containsLineBreak: Bool { run.contains("\n") }
}

/// Rewrites every whitespace gap inside `text` for which `decide` returns a replacement.
/// Leading and trailing whitespace and paragraph breaks ("\n\n") are left for later stages.
func rewriteWhitespaceGaps(in text: String, _ decide: (WhitespaceGap) -> String?) -> String {
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
            let gap = WhitespaceGap(
                left: characters[index - 1], right: characters[end], run: Substring(run),
                before: Substring(String(characters[max(0, index - 40)..<index])),
                after: Substring(String(characters[end..<min(characters.count, end + 40)])))
            output += decide(gap) ?? run
        } else {
            output += run
        }
        index = end
    }
    return output
}
