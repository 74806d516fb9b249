extension ScannedPageReader {
    /// Reads `image`; where a line of the reading has Latin letters (these forms have none) and a
    /// script-only engine is there, reads that line again with it and keeps whichever reading of
    /// the line has fewer of them. Only the line is read again: a block of twenty lines with one
    /// misread name would otherwise cost twice.
    func recognize(
        _ image: CellImage, segmentation: OCRSegmentation, alternatives: Bool, latinFallback: Bool,
        allowedCharacters: String? = nil
    ) -> [OCRWord] {
        func read(_ image: CellImage, _ segmentation: OCRSegmentation, _ engine: any CellRecognizer) -> [OCRWord] {
            engine.recognize(
                image.pixels, width: image.width, height: image.height, ppi: Int(dpi), segmentation: segmentation,
                alternatives: alternatives, allowedCharacters: allowedCharacters
            ).filter { !$0.text.allSatisfy(\.isWhitespace) }
        }
        var words = read(image, segmentation, engine)
        guard latinFallback, let scriptEngine, Self.latinLetterCount(words) > 0 else { return words }
        if segmentation == .line {
            let again = read(image, .line, scriptEngine)
            return Self.latinLetterCount(again) < Self.latinLetterCount(words) ? again : words
        }
        for line in Set(words.map(\.line)).sorted() {
            let lineWords = words.filter { $0.line == line }
            let latin = Self.latinLetterCount(lineWords)
            guard latin > 0 else { continue }
            let top = max(0, lineWords.map(\.box.y0).min()!)
            let bottom = min(image.height, lineWords.map(\.box.y1).max()!)
            guard bottom > top else { continue }
            let slice = image.slice(top..<bottom, margin: pixels(3))
            let shift = slice.originY - image.originY
            let again = read(slice, .line, scriptEngine).map { $0.shifted(dy: shift, line: line) }
            guard Self.latinLetterCount(again) < latin else { continue }
            let at = words.firstIndex { $0.line == line }!
            words.removeAll { $0.line == line }
            words.insert(contentsOf: again, at: min(at, words.count))
        }
        return words
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
    ///
    /// - Parameter firstReading: the cell's reading from a batch, when it was read in one.
    func readLines(
        of cell: CellImage, alternatives: Bool, latinFallback: Bool, allowedCharacters: String? = nil,
        firstReading: [OCRWord]? = nil
    ) -> [OCRWord] {
        var words = firstReading ?? recognize(
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
            words += lineWords.map { $0.shifted(dy: shift, line: number) }
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
