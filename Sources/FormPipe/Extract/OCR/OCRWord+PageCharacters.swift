extension [OCRWord] {
    /// The words' symbols as page characters in points, for the same cell and line assembly
    /// that text-layer characters go through.
    ///
    /// Tesseract's symbol boxes hug the ink, so "，" sits low and "一" is a sliver; the line
    /// grouper would take them for lines of their own. Each symbol therefore gets the height of
    /// its Tesseract text line, which is what a text layer's font box gives too.
    ///
    /// - Parameters:
    ///   - originX, originY: where the recognised image's (0, 0) is in the page image (pixels).
    ///   - scale: page image pixels per point.
    func pageCharacters(originX: Int, originY: Int, scale: Double) -> [PageCharacter] {
        var lineExtent: [Int: (top: Int, bottom: Int)] = [:]
        for word in self {
            let extent = lineExtent[word.line] ?? (word.box.y0, word.box.y1)
            lineExtent[word.line] = (Swift.min(extent.top, word.box.y0), Swift.max(extent.bottom, word.box.y1))
        }
        var characters: [PageCharacter] = []
        for word in self {
            let extent = lineExtent[word.line]!
            let y0 = Double(originY + extent.top) / scale
            let y1 = Double(originY + extent.bottom) / scale
            // A word without symbol boxes (never seen, but the API allows it) is spread evenly.
            let symbols =
                word.symbols.isEmpty
                ? [OCRSymbol(text: word.text, confidence: word.confidence, box: word.box, alternatives: [])]
                : word.symbols
            for symbol in symbols {
                let scalars = [Unicode.Scalar](symbol.text.unicodeScalars.filter { !$0.properties.isWhitespace })
                guard !scalars.isEmpty else { continue }
                let step = Double(symbol.box.width) / Double(scalars.count)
                for (index, scalar) in scalars.enumerated() {
                    let x0 = (Double(originX + symbol.box.x0) + step * Double(index)) / scale
                    let x1 = (Double(originX + symbol.box.x0) + step * Double(index + 1)) / scale
                    characters.append(PageCharacter(scalar: scalar, box: BoundingBox(x0: x0, y0: y0, x1: x1, y1: y1)))
                }
            }
        }
        return characters
    }
}
