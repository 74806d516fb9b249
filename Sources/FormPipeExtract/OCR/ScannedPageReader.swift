import FormPipeLayout

/// Fills an image-only page's layout with text read by Tesseract.
///
/// Where the grid is known every cell is read on its own: a cell is a small clean image, and a
/// single-line or single-block segmentation of it beats any layout analysis of the whole page
/// (which runs cells of neighbouring columns together). Cells without ink are skipped (16 % of
/// the corpus forms' cells). The page outside the tables (title, year line, page number) is
/// read in horizontal bands; a page without any table is read whole. See docs/ocr.md.
package struct ScannedPageReader {
    let engine: any CellRecognizer
    /// The configuration's first language alone, for readings that came out with Latin letters.
    let scriptEngine: (any CellRecognizer)?
    /// Resolution of `image` in `read(_:image:)`.
    let dpi: Double
    var chooser = NumericReadingChooser()
    /// Whether cells go to `FORMPIPE_CELL_IMAGES` (off in the trial runs of a batched page).
    var dumpsCells = true
    /// How a cell's kept ink is drawn for its first reading: black for Tesseract, which
    /// thresholds every image itself; `contrast` for PP-OCR, whose models read grey strokes
    /// that a hard threshold breaks on a blurred scan. An unsure label is read again in the
    /// other tone (`rereadTone`).
    var cellTone = CellTone.black

    /// Counts for the debug dump and the benchmark.
    struct Statistics: Sendable, Hashable {
        var cellsRead = 0
        var cellsSkipped = 0
        var corrections = 0
        /// Cells read a second time from their grey strokes after an unsure first reading.
        var greyRereads = 0
        /// Second readings read in batches (an engine that reads batches), and the batches.
        var rereadsBatched = 0
        var rereadBatches = 0
    }

    var scale: Double { dpi / 72 }
    func pixels(_ points: Double) -> Int { Int((points * scale).rounded()) }

    /// - Parameters:
    ///   - layout: the page's layout from the rulings.
    ///   - image: the page rendered at `dpi`.
    ///   - columns: what the headers read so far say about the columns; carried from page to
    ///     page because a table continues without its header.
    ///   - cellNeedsReading: which cells to read; the others keep their text (a scanner's text
    ///     layer) and only teach `columns`. All of them on an image-only page.
    ///   - outsideNeedsReading: whether to read the text outside the tables.
    func read(
        _ layout: PageLayout, image: GreyImage, columns: inout ColumnKindTracker, statistics: inout Statistics,
        cellNeedsReading: (LaidOutCell, CellReadingKind) -> Bool = { _, _ in true }, outsideNeedsReading: Bool = true
    ) -> PageLayout {
        var page = image
        let paper = page.paperLevel()
        // Ink is what is clearly darker than the paper: scans are grey, grainy and unevenly lit,
        // and a threshold at 80 % of the paper level keeps thin strokes while dropping the grain.
        let ink = UInt8(Int(paper) * 4 / 5)
        // A 0.75 pt rule blurred by the scanner is ~1.5 pt of ink; rulings are found ±0.7 pt off
        // at 100 dpi, and synthesised closing edges up to a few points.
        page.eraseRulings(
            layout.tables.flatMap(\.cellEdges), scale: scale, ink: ink, halfWidth: max(1, pixels(1)),
            search: pixels(2.5), maximumThickness: pixels(2.5), paper: paper)
        var reader = self
        if cellTone == .contrast, !Self.inkIsFaint(page, ink: ink, paper: paper) {
            // A page scanned dark and sharp is read in black like any other: on the normal
            // scans the grey of its faint-looking cells turned full-width punctuation half-width
            // ("（1）年度目标：" read "(1)年度目标:", dev-02 one field, var-05 three).
            reader.cellTone = .black
        }
        var result: PageLayout
        if engine.readsBatches {
            let prefetched = reader.firstReadings(
                layout, page: page, ink: ink, paper: paper, columns: columns, cellNeedsReading: cellNeedsReading)
            result = reader.readRereadingInBatches(
                layout, page: page, ink: ink, paper: paper, prefetched: prefetched, columns: &columns,
                statistics: &statistics, cellNeedsReading: cellNeedsReading, outsideNeedsReading: outsideNeedsReading)
        } else {
            result = reader.readCells(
                layout, page: page, ink: ink, paper: paper, prefetched: [:], columns: &columns, statistics: &statistics,
                cellNeedsReading: cellNeedsReading)
            if outsideNeedsReading {
                result.outsideText = reader.readOutside(layout, page: page, ink: ink, paper: paper)
            }
        }
        return result
    }

    /// Every cell that needs reading read (its first reading taken from `prefetched` where it
    /// is there), the column kinds taught cell by cell as the headers are read.
    private func readCells(
        _ layout: PageLayout, page: GreyImage, ink: UInt8, paper: UInt8, prefetched: [CellKey: PrefetchedCell],
        columns: inout ColumnKindTracker, statistics: inout Statistics,
        cellNeedsReading: (LaidOutCell, CellReadingKind) -> Bool
    ) -> PageLayout {
        var result = layout
        for (tableIndex, cells) in layout.cells.enumerated() {
            for (cellIndex, cell) in cells.enumerated() {
                let grid = cell.grid
                let kind = columns.kind(of: grid.box, page: layout.pageNumber, row: grid.row, column: grid.column)
                var text = cell.text
                if cellNeedsReading(cell, kind) {
                    let read = readCell(
                        grid.box, page: layout.pageNumber, in: page, ink: ink, paper: paper, kind: kind,
                        prefetched: prefetched[CellKey(table: tableIndex, cell: cellIndex)], statistics: &statistics)
                    text = read.text
                    result.cells[tableIndex][cellIndex].text = read.text
                    result.cells[tableIndex][cellIndex].ocrConfidence = read.confidence
                    result.cells[tableIndex][cellIndex].ocrCorrections = read.corrections
                }
                columns.see(
                    text, box: grid.box, page: layout.pageNumber, row: grid.row, column: grid.column,
                    columnSpan: grid.columnSpan)
            }
        }
        return result
    }

    /// `readCells` and `readOutside` with the second readings (missed lines, grey re-reads,
    /// number-only re-reads) of the whole page, and its text outside the tables, read in
    /// batches: trial runs on copies of `columns` collect them (`RereadBatcher`), at most
    /// `rereadBatches` times, then the real run reads from the answers, and reads one by one
    /// only what the trials did not foresee.
    private func readRereadingInBatches(
        _ layout: PageLayout, page: GreyImage, ink: UInt8, paper: UInt8, prefetched: [CellKey: PrefetchedCell],
        columns: inout ColumnKindTracker, statistics: inout Statistics,
        cellNeedsReading: (LaidOutCell, CellReadingKind) -> Bool, outsideNeedsReading: Bool
    ) -> PageLayout {
        let batcher = RereadBatcher(engine: engine)
        var trialReader = ScannedPageReader(engine: batcher, scriptEngine: scriptEngine, dpi: dpi, chooser: chooser)
        trialReader.dumpsCells = false
        trialReader.cellTone = cellTone
        for _ in 0..<Self.rereadBatches {
            var trialColumns = columns
            var trialStatistics = statistics
            _ = trialReader.readCells(
                layout, page: page, ink: ink, paper: paper, prefetched: prefetched, columns: &trialColumns,
                statistics: &trialStatistics, cellNeedsReading: cellNeedsReading)
            if outsideNeedsReading {
                _ = trialReader.readOutside(layout, page: page, ink: ink, paper: paper)
            }
            guard batcher.hasMisses else { break }
            batcher.readMisses()
        }
        batcher.recordsMisses = false
        var reader = trialReader
        reader.dumpsCells = dumpsCells
        var result = reader.readCells(
            layout, page: page, ink: ink, paper: paper, prefetched: prefetched, columns: &columns,
            statistics: &statistics, cellNeedsReading: cellNeedsReading)
        if outsideNeedsReading {
            result.outsideText = reader.readOutside(layout, page: page, ink: ink, paper: paper)
        }
        let counts = batcher.counts
        statistics.rereadsBatched += counts.images
        statistics.rereadBatches += counts.batches
        return result
    }

    /// Whether the page's ink (every seventh pixel darker than `ink`, the rulings erased) is
    /// faint: its core at least half the paper level. On the background-normalized 300 dpi
    /// renders the core is 0.52–0.60 of the paper level on the heavy variants' seven pages,
    /// 0.44–0.46 on var-02, 0.29–0.42 on var-05, 0.30–0.33 on dev-02, 0.19–0.30 on var-04 and
    /// var-11 (grain below the ink threshold counts as ink here, so these run higher than a
    /// cell's strokes alone, which `CellTone.isFaint` judges against a third).
    static func inkIsFaint(_ page: GreyImage, ink: UInt8, paper: UInt8) -> Bool {
        var histogram = [Int](repeating: 0, count: Int(ink))
        var count = 0
        page.pixels.withUnsafeBufferPointer { pixels in
            var index = 0
            while index < pixels.count {
                let value = Int(pixels[index])
                if value < histogram.count {
                    histogram[value] += 1
                    count += 1
                }
                index += 7
            }
        }
        guard count > 0 else { return false }
        return CellTone.inkCore(inkLevels: histogram, inkCount: count) * 2 >= Int(paper)
    }

    /// Trial runs per page in `readRereadingInBatches`: the first collects the re-reads of
    /// the first readings, the second those of the re-reads' own readings (a missed line of a
    /// grey re-read); what a third would find is read one by one.
    static let rereadBatches = 2

    private struct CellReading {
        var text = ""
        var confidence: Double?
        var corrections: [OCRCorrection] = []
    }

    /// A cell of `PageLayout.cells`: its table's index and its own.
    struct CellKey: Hashable {
        let table: Int
        let cell: Int
    }

    /// A cell cut out of the page and cleaned, with the engine's first reading of it.
    struct PrefetchedCell {
        let crop: CellImage
        let cell: CellImage
        let words: [OCRWord]
    }

    /// The first reading of every cell that needs one, read in one batch (for an engine that
    /// reads batches faster than single images). Every cell is read with its symbols'
    /// alternatives: on the first page a column's kind is only known once its header is read.
    /// Cells without ink are left out (and skipped by `readCell` as before).
    private func firstReadings(
        _ layout: PageLayout, page: GreyImage, ink: UInt8, paper: UInt8, columns: ColumnKindTracker,
        cellNeedsReading: (LaidOutCell, CellReadingKind) -> Bool
    ) -> [CellKey: PrefetchedCell] {
        var keys: [CellKey] = []
        var images: [(crop: CellImage, cell: CellImage)] = []
        for (tableIndex, cells) in layout.cells.enumerated() {
            for (cellIndex, cell) in cells.enumerated() {
                let grid = cell.grid
                let kind = columns.kind(of: grid.box, page: layout.pageNumber, row: grid.row, column: grid.column)
                guard cellNeedsReading(cell, kind), let cut = cleanedCell(grid.box, in: page, ink: ink, paper: paper)
                else { continue }
                keys.append(CellKey(table: tableIndex, cell: cellIndex))
                images.append(cut)
            }
        }
        let readings = engine.recognize(
            batch: images.map {
                RecognitionRequest(
                    pixels: $0.cell.pixels, width: $0.cell.width, height: $0.cell.height, ppi: Int(dpi),
                    segmentation: segmentation(of: $0.cell), alternatives: true)
            })
        var prefetched: [CellKey: PrefetchedCell] = [:]
        for (index, key) in keys.enumerated() {
            let words = readings[index].filter { !$0.text.allSatisfy(\.isWhitespace) }
            prefetched[key] = PrefetchedCell(crop: images[index].crop, cell: images[index].cell, words: words)
        }
        return prefetched
    }

    /// The cell's crop and its cleaned image, or nil when it holds no ink worth reading.
    private func cleanedCell(_ box: BoundingBox, in page: GreyImage, ink: UInt8, paper: UInt8)
        -> (crop: CellImage, cell: CellImage)?
    {
        let pixelBox = PixelBox(x0: pixels(box.x0), y0: pixels(box.y0), x1: pixels(box.x1), y1: pixels(box.y1))
        guard let crop = CellImage(page: page, box: pixelBox, inset: pixels(1), margin: 0, ink: ink, paper: paper),
            crop.inkCount >= minimumInk, let cell = crop.cleaned(ink: ink, paper: paper, em: em, tone: cellTone),
            cell.inkCount >= minimumInk
        else { return nil }
        return (crop, cell)
    }

    /// One cell: cut out and cleaned, skipped when it has no ink, read, and read again where the
    /// column's kind knows better than Tesseract's first choice.
    private func readCell(
        _ box: BoundingBox, page pageNumber: Int, in page: GreyImage, ink: UInt8, paper: UInt8, kind: CellReadingKind,
        prefetched: PrefetchedCell?, statistics: inout Statistics
    ) -> CellReading {
        guard let (crop, cell) = prefetched.map({ ($0.crop, $0.cell) }) ?? cleanedCell(box, in: page, ink: ink, paper: paper)
        else {
            statistics.cellsSkipped += 1
            return CellReading()
        }
        statistics.cellsRead += 1
        let first = prefetched?.words
        guard dumpsCells, let dump = CellImageDump.fromEnvironment else {
            return read(cell, crop: crop, ink: ink, paper: paper, kind: kind, firstReading: first, statistics: &statistics)
        }
        let start = ContinuousClock.now
        let reading = read(cell, crop: crop, ink: ink, paper: paper, kind: kind, firstReading: first, statistics: &statistics)
        dump.record(
            cell, page: pageNumber, box: box, ppi: Int(dpi.rounded()), kind: kind, segmentation: segmentation(of: cell),
            text: reading.text, milliseconds: Double((ContinuousClock.now - start) / .microseconds(1)) / 1000)
        return reading
    }

    /// A cleaned cell read, read again in grey when an unsure one-line text, and read again where
    /// the column's kind knows better than the recognizer's first choice.
    private func read(
        _ firstCell: CellImage, crop: CellImage, ink: UInt8, paper: UInt8, kind: CellReadingKind,
        firstReading: [OCRWord]?, statistics: inout Statistics
    ) -> CellReading {
        var cell = firstCell
        var words = readLines(
            of: cell, alternatives: kind != .text, latinFallback: kind != .number, firstReading: firstReading)
        if kind == .text, segmentation(of: cell) == .line,
            (words.map(\.confidence).min() ?? 0) < Self.greyRereadConfidence,
            let grey = crop.cleaned(ink: ink, paper: paper, em: em, tone: rereadTone)
        {
            // An unsure reading of a one-line text cell (a label, a name): on a blurred scan its
            // strokes' grey edges may tell more (and a black reading, where grey was read first).
            // Numbers and paragraphs are not read again: Tesseract's grey reading of
            // "55.508192万元" was surer and wrong ("819277元").
            statistics.greyRereads += 1
            let again = readLines(of: grey, alternatives: kind != .text, latinFallback: kind != .number)
            if !again.isEmpty, again.map(\.confidence).min()! > (words.map(\.confidence).min() ?? 0) {
                (cell, words) = (grey, again)
            }
        }
        guard !words.isEmpty else { return CellReading() }
        let confidence = words.map(\.confidence).min()
        let text = Self.text(of: words, cell: cell, scale: scale)
        if let label = OCRLabelSnap.label(for: text) {
            statistics.corrections += 1
            let correction = OCRCorrection(
                rule: "ocr-label-snap", before: text, after: label, confidence: confidence ?? 0)
            return CellReading(text: label, confidence: confidence, corrections: [correction])
        }
        var reading = ColumnAwareReading(chooser: chooser).correct(words, kind: kind, image: cell, em: em)
        if kind == .number, !reading.words.allSatisfy({ NumericReadingChooser.fits($0.text) }) {
            // No alternative made it a number ("11" read as "1]"): read it again allowing only
            // what a number column holds.
            let restricted = readLines(
                of: cell, alternatives: false, latinFallback: false,
                allowedCharacters: String(NumericReadingChooser.numericCharacters))
            if !restricted.isEmpty, restricted.allSatisfy({ NumericReadingChooser.fits($0.text) }) {
                reading = ColumnAwareReading.Result(
                    words: restricted, rules: ["ocr-numeric-charset"],
                    confidence: restricted.map(\.confidence).min() ?? 0)
            }
        }
        guard !reading.rules.isEmpty else { return CellReading(text: text, confidence: confidence) }
        let corrected = Self.text(of: reading.words, cell: cell, scale: scale)
        guard corrected != text else { return CellReading(text: text, confidence: confidence) }
        statistics.corrections += 1
        let correction = OCRCorrection(
            rule: reading.rules.joined(separator: "+"), before: text, after: corrected, confidence: reading.confidence)
        return CellReading(text: corrected, confidence: confidence, corrections: [correction])
    }

    /// Below this word confidence a cell is read again in `rereadTone`; the surer of the two
    /// readings is kept.
    static let greyRereadConfidence = 0.75

    /// The tone of an unsure label's second reading: grey after black, black after grey.
    var rereadTone: CellTone { cellTone == .black ? .grey : .black }

    /// Body text is 10–11 pt on these forms; specks, residues and line heights are judged against it.
    var em: Int { pixels(10) }

    /// Fewer ink pixels than a short dash ("—" is ~10 × 1 pt) is dust or a speck of noise.
    var minimumInk: Int { max(8, Int(6 * scale * scale)) }

    static func text(of words: [OCRWord], cell: CellImage, scale: Double) -> String {
        let chars = words.pageCharacters(originX: cell.originX, originY: cell.originY, scale: scale)
        return CellTextAssembler.text(of: chars)
    }
}
