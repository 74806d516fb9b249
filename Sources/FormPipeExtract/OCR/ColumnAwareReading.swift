/// Uses what a column holds to correct Tesseract's reading of one of its cells:
/// - number columns: a symbol that no number holds is replaced by its best alternative that
///   fits (`NumericReadingChooser`), rule `ocr-numeric-choice`;
/// - indicator value columns: a leading "≥"/"≤", which Tesseract cannot read at all, is found
///   by its shape (`ComparisonSignDetector`) and replaces whatever was read in its place, rule
///   `ocr-comparison-sign`.
/// Text columns are left as read. No rule looks at a value's arithmetic.
package struct ColumnAwareReading {
    var chooser = NumericReadingChooser()
    var signs = ComparisonSignDetector()
    /// How sure the shape test is; it has had no false positive on the corpus's 175 value cells.
    static let signConfidence = 0.9

    package struct Result {
        package var words: [OCRWord]
        /// Names of the rules that changed something, in order.
        package var rules: [String] = []
        /// The lowest confidence of the changes made (1 when none).
        package var confidence = 1.0
    }

    func correct(_ words: [OCRWord], kind: CellReadingKind, image: CellImage, em: Int) -> Result {
        var result = Result(words: words)
        switch kind {
        case .text:
            break
        case .number:
            let chosen = chooser.choose(in: words)
            if let confidence = chosen.chosenConfidence {
                result = Result(words: chosen.words, rules: ["ocr-numeric-choice"], confidence: confidence)
            }
        case .measure:
            if let sign = signs.detect(in: image, em: em) {
                let replaced = Self.replacing(sign, in: words)
                if replaced != words {
                    result = Result(words: replaced, rules: ["ocr-comparison-sign"], confidence: Self.signConfidence)
                }
            }
        }
        return result
    }

    /// The words with every symbol of the sign's line that lies on the sign removed, and the sign
    /// put in front of that line's first word.
    static func replacing(_ sign: ComparisonSignDetector.Detection, in words: [OCRWord]) -> [OCRWord] {
        let box = sign.box
        // A symbol is the sign's misreading when it starts over the sign's left half (LSTM symbol
        // boxes can be much wider than their ink: "之" of "之4场" spans the whole line), or when
        // most of it lies over the sign.
        func onSign(_ symbol: OCRSymbol) -> Bool {
            guard symbol.box.y0 < box.y1 && box.y0 < symbol.box.y1 else { return false }
            let overlap = min(symbol.box.x1, box.x1) - max(symbol.box.x0, box.x0)
            return symbol.box.x0 < box.x0 + box.width / 2 || overlap * 2 >= symbol.box.width
        }
        guard let line = words.first(where: { $0.box.y0 < box.y1 && box.y0 < $0.box.y1 })?.line else { return words }
        var result: [OCRWord] = []
        for var word in words {
            if word.line == line {
                word.symbols.removeAll(where: onSign)
                if word.symbols.isEmpty { continue }
                word.text = word.symbols.map(\.text).joined()
            }
            result.append(word)
        }
        let symbol = OCRSymbol(text: sign.sign, confidence: signConfidence, box: box)
        let insertAt = result.firstIndex { $0.line == line } ?? result.endIndex
        if insertAt < result.endIndex {
            result[insertAt].symbols.insert(symbol, at: 0)
            result[insertAt].text = sign.sign + result[insertAt].text
            result[insertAt].box = PixelBox(
                x0: min(box.x0, result[insertAt].box.x0), y0: min(box.y0, result[insertAt].box.y0),
                x1: result[insertAt].box.x1, y1: max(box.y1, result[insertAt].box.y1))
        } else {
            result.append(OCRWord(text: sign.sign, confidence: signConfidence, box: box, line: line, symbols: [symbol]))
        }
        return result
    }
}
