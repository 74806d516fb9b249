extension ScannedPageReader {
    /// Reads `image`; when the reading has Latin letters (these forms have none) and a script-only
    /// engine is there, reads it again with that and keeps the reading with fewer of them.
    func recognize(
        _ image: CellImage, segmentation: OCRSegmentation, alternatives: Bool, latinFallback: Bool,
        allowedCharacters: String? = nil
    ) -> [OCRWord] {
        func read(_ engine: TesseractEngine) -> [OCRWord] {
            engine.recognize(
                image.pixels, width: image.width, height: image.height, ppi: Int(dpi), segmentation: segmentation,
                alternatives: alternatives, allowedCharacters: allowedCharacters
            ).filter { !$0.text.allSatisfy(\.isWhitespace) }
        }
        let words = read(engine)
        let latin = Self.latinLetterCount(words)
        guard latinFallback, latin > 0, let scriptEngine else { return words }
        let again = read(scriptEngine)
        return Self.latinLetterCount(again) < latin ? again : words
    }

    static func latinLetterCount(_ words: [OCRWord]) -> Int {
        words.reduce(0) { count, word in
            count + word.text.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }.count
        }
    }

    /// The cell read as a line or a block; then every text line that the block reading left out
    /// is read on its own. In block mode Tesseract drops a short centred last line ("其中：当年
    /// 财政 / 拨款" comes back without "拨款"); reading every line alone instead costs a call per
    /// line and makes it invent quotes before indented first lines.
    func readLines(of cell: CellImage, alternatives: Bool, latinFallback: Bool, allowedCharacters: String? = nil)
        -> [OCRWord]
    {
        var words = recognize(
            cell, segmentation: segmentation(of: cell), alternatives: alternatives, latinFallback: latinFallback,
            allowedCharacters: allowedCharacters)
        let bands = cell.textLines(minimumHeight: pixels(3))
        guard bands.count > 1 else { return words }
        // Word boxes reach a few pixels beyond their ink: a band counts as read when a word
        // covers at least half of it.
        func covered(_ band: Range<Int>) -> Bool {
            words.contains { min($0.box.y1, band.upperBound) - max($0.box.y0, band.lowerBound) >= band.count / 2 }
        }
        for band in bands where !covered(band) {
            let line = cell.slice(band, margin: pixels(3))
            let number = (words.map(\.line).max() ?? -1) + 1
            let shift = line.originY - cell.originY
            let lineWords = recognize(
                line, segmentation: .line, alternatives: alternatives, latinFallback: latinFallback,
                allowedCharacters: allowedCharacters)
            for var word in lineWords {
                word.line = number
                word.box = word.box.shifted(dy: shift)
                word.symbols = word.symbols.map { symbol in
                    var moved = symbol
                    moved.box = symbol.box.shifted(dy: shift)
                    return moved
                }
                words.append(word)
            }
        }
        return words
    }

    /// One line of text is read as a line, anything else as a block. On a skewed scan the lines
    /// of a wide cell overlap in the row profile and come out as one band, so a band taller
    /// than one and a half lines of body text counts as several.
    func segmentation(of cell: CellImage) -> OCRSegmentation {
        let lines = cell.textLines(minimumHeight: pixels(3))
        guard lines.count <= 1 else { return .block }
        return (lines.first?.count ?? 0) > pixels(16) ? .block : .line
    }
}
