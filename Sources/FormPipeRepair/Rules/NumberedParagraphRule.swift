/// Numbered paragraphs printed in one goal cell ("1. 通过培训…。2. 通过建立…") lost their line
/// breaks in extraction; the record keeps each as its own paragraph. A split happens only at
/// the next number in sequence after sentence-final punctuation, so "2.5万元" is safe, and only
/// in a paragraph that itself starts with a list marker.
struct NumberedParagraphRule: CellTextRule {
    let name = "numbered-paragraphs"
    let confidence = 0.85

    func apply(to text: String, field: FieldKind) -> String {
        guard field == .paragraphs else { return text }
        return text.paragraphParts.map(splitParagraph).joined(separator: "\n\n")
    }

    private func splitParagraph(_ paragraph: String) -> String {
        let characters = Array(paragraph)
        // The paragraph may be the tail of a list whose earlier items were already split off
        // (by indentation, in PDFs), so the list can start at any number.
        guard let first = Self.marker(in: characters, at: Self.firstNonSpace(characters)) else { return paragraph }
        var expected = first.number + 1
        var output = ""
        for index in characters.indices {
            if index > 0, !characters[index - 1].isNumber, Self.followsSentenceEnd(characters, index),
                let marker = Self.marker(in: characters, at: index), marker.number == expected
            {
                output = output.trimmingTrailingSpaces() + "\n\n"
                expected += 1
            }
            output.append(characters[index])
        }
        return output
    }

    private static func firstNonSpace(_ characters: [Character]) -> Int {
        characters.firstIndex { !$0.isCellWhitespace } ?? characters.count
    }

    private static func followsSentenceEnd(_ characters: [Character], _ index: Int) -> Bool {
        var back = index - 1
        while back >= 0, characters[back].isCellWhitespace { back -= 1 }
        return back >= 0 && "。；;！？".contains(characters[back])
    }

    /// A list marker at `index`: "1." "1、" "（1）" "(1)"; returns its number.
    private static func marker(in characters: [Character], at index: Int) -> (number: Int, length: Int)? {
        var cursor = index
        var parenthesised = false
        if cursor < characters.count, characters[cursor] == "（" || characters[cursor] == "(" {
            parenthesised = true
            cursor += 1
        }
        var digits = ""
        while cursor < characters.count, let digit = characters[cursor].wholeNumberValue, characters[cursor].isASCII,
            digits.count < 2
        {
            digits.append(String(digit))
            cursor += 1
        }
        guard let number = Int(digits), cursor < characters.count else { return nil }
        let terminator = characters[cursor]
        if parenthesised {
            guard terminator == "）" || terminator == ")" else { return nil }
        } else {
            guard terminator == "." || terminator == "、" || terminator == "．" else { return nil }
            // "1.5万元" is a number, not a list marker.
            if terminator == ".", cursor + 1 < characters.count, characters[cursor + 1].isNumber { return nil }
        }
        return (number, cursor + 1 - index)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while let last = copy.last, last.isCellWhitespace { copy.removeLast() }
        return copy
    }
}
