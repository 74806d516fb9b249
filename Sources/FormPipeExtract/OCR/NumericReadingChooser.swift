/// Column-aware reading of a numeric cell: where Tesseract's first choice for a symbol is not
/// something a number column holds and one of its alternatives is, the alternative is taken.
///
/// Only the characters are judged, never the value: a reading is not changed to make the
/// form's arithmetic agree (that would hide the form's own mistakes, which are findings).
package struct NumericReadingChooser: Sendable {
    /// What a numeric column of this form holds: digits, the decimal point, "%", the units
    /// "万" and "元", and "—" for "not applicable".
    static let numericCharacters: Set<Character> = Set("0123456789.%万元—")

    /// An alternative below this confidence is noise, not a reading.
    var minimumConfidence = 0.02

    static func fits(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { numericCharacters.contains($0) }
    }

    /// The words with unfitting symbols replaced where an alternative fits, and the lowest
    /// confidence among the alternatives taken (nil when nothing was changed).
    func choose(in words: [OCRWord]) -> (words: [OCRWord], chosenConfidence: Double?) {
        var words = words
        var lowest: Double?
        for wordIndex in words.indices {
            var changed = false
            for symbolIndex in words[wordIndex].symbols.indices {
                let symbol = words[wordIndex].symbols[symbolIndex]
                guard !Self.fits(symbol.text), let choice = bestFitting(symbol) else { continue }
                words[wordIndex].symbols[symbolIndex].text = choice.text
                words[wordIndex].symbols[symbolIndex].confidence = choice.confidence
                lowest = min(lowest ?? 1, choice.confidence)
                changed = true
            }
            if changed { words[wordIndex].text = words[wordIndex].symbols.map(\.text).joined() }
        }
        return (words, lowest)
    }

    /// The most confident alternative that fits a numeric column.
    func bestFitting(_ symbol: OCRSymbol) -> OCRChoice? {
        symbol.alternatives
            .filter { Self.fits($0.text) && $0.confidence >= minimumConfidence }
            .max { $0.confidence < $1.confidence }
    }
}
