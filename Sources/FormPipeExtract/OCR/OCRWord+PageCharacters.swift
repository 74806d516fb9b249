import FormPipeLayout

extension [OCRWord] {
    /// The words' symbols as page characters in points, for the same cell and line assembly
    /// that text-layer characters go through.
    ///
    /// Tesseract's symbol boxes hug the ink, where a text layer's boxes are the font's: "，" sits
    /// low and "一" is a sliver, which the line grouper would take for lines of their own; and an
    /// ideograph's ink is narrower than its em ("卜"), leaving gaps the line assembler reads as
    /// spaces ("市 经 济"). So each symbol gets the height of its Tesseract text line, and each
    /// ideograph is widened to that height (its em) about its centre, as far as its neighbours'
    /// ink allows — never past them, which would change the reading order.
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
        var lines: [Int: [PageCharacter]] = [:]
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
                    lines[word.line, default: []].append(
                        PageCharacter(scalar: scalar, box: BoundingBox(x0: x0, y0: y0, x1: x1, y1: y1)))
                }
            }
        }
        return lines.keys.sorted().flatMap { Self.widenedToTheirEm(lines[$0]!) }
    }

    /// Ideographs of one line widened towards their em without crossing their neighbours' ink.
    private static func widenedToTheirEm(_ line: [PageCharacter]) -> [PageCharacter] {
        let ink = line.sorted { $0.box.x0 < $1.box.x0 }
        var result = ink
        for index in ink.indices where ink[index].isFullWidth {
            let box = ink[index].box
            let em = box.height
            guard box.width < em else { continue }
            let centre = (box.x0 + box.x1) / 2
            let left = index > 0 ? Swift.max(ink[index - 1].box.x1, box.x0 - em) : box.x0 - em
            let right = index + 1 < ink.count ? Swift.min(ink[index + 1].box.x0, box.x1 + em) : box.x1 + em
            result[index].box.x0 = Swift.min(box.x0, Swift.max(centre - em / 2, left))
            result[index].box.x1 = Swift.max(box.x1, Swift.min(centre + em / 2, right))
        }
        return result
    }
}
