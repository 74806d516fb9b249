import Foundation
import FormPipeCore
import FormPipeLayout

/// A PDF's document blocks together with each page's layout, for the debug dump.
public struct PDFExtraction: Sendable {
    public var document: ExtractedDocument
    public var pages: [PDFPageLayout]
}

/// Extracts table rows and loose text lines from a PDF through poppler-glib.
///
/// Per page: the text layer's characters with their boxes; the page rendered to grey and its
/// ruling lines found in the pixels (so vector-drawn and scanned tables go the same way); the
/// rulings turned into a grid of cells; each character put into the cell its box overlaps most.
/// Nothing is repaired here.
///
/// Poppler calls cannot be cancelled; the daemon runs this in a worker process.
public struct PDFExtractor: DocumentExtractor {
    /// Resolution of the render the rulings of a born-digital page are found in. Its rules are
    /// sharp and its glyphs are blanked before the search, so 72 dpi finds every ruling of the
    /// corpus with half the pixels of 100 dpi to search. (The render itself costs about the same
    /// at either: Poppler's parsing and font loading dominate it.)
    public var renderDPI: Double
    /// Resolution for scanned pages (with or without an OCR text layer): blur and noise need
    /// more pixels per rule; at 72 dpi broken rules lose cells of the corpus scans, at 100 none.
    public var scanRenderDPI: Double
    /// How far (points) a ruling may stop short of a crossing ruling and still meet it.
    public var gridTolerance: Double
    /// How pages without a usable text layer are read (Tesseract); nil leaves their cells empty.
    public var ocr: OCRConfiguration? = OCRConfiguration()

    public init(renderDPI: Double = 72, scanRenderDPI: Double = 100, gridTolerance: Double = 3) {
        self.renderDPI = renderDPI
        self.scanRenderDPI = scanRenderDPI
        self.gridTolerance = gridTolerance
    }

    public func extract(file: URL, displayName: String) throws(ConversionError) -> ExtractedDocument {
        try extractWithLayouts(file: file, displayName: displayName).document
    }

    /// Extracts the document and keeps every page's words, rulings and cells.
    public func extractWithLayouts(file: URL, displayName: String) throws(ConversionError) -> PDFExtraction {
        try checkNotEmpty(file: file, displayName: displayName)
        let document: PopplerDocument
        do {
            document = try PopplerDocument(path: file.path, displayName: displayName)
        } catch {
            throw Self.explainNonPDF(error, file: file)
        }
        guard document.pageCount > 0 else {
            throw ConversionError(.empty, file: displayName, stage: .extract, "the PDF has no pages: check the export")
        }
        let producer = document.producer
        let creator = document.creator
        let isOCR = PDFTextSource.documentIsOCR(producer: producer, creator: creator)

        var pages: [PageInfo] = []
        var blocks: [DocumentBlock] = []
        var layouts: [PDFPageLayout] = []
        // Pages of one file are alike: after a scanned page, expect the next one to be scanned too
        // and render it at the scan resolution straight away.
        var expectScan = isOCR
        var scans = ocr.map(ScannedDocumentReader.init)
        for index in 0..<document.pageCount {
            guard let page = document.page(at: index) else {
                throw ConversionError(
                    .damaged, file: displayName, stage: .extract,
                    "damaged PDF: page \(index + 1) cannot be read; re-export or re-scan the original and drop it again"
                )
            }
            var layout = analyse(page, number: index + 1, documentIsOCR: isOCR, expectScan: expectScan)
            expectScan = isOCR || layout.textSource != .textLayer
            layout = try scans?.fill(layout, displayName: displayName) { [turns = layout.quarterTurns] dpi in
                page.renderGrey(dpi: resolution(dpi, for: page.size)).turned(quarters: turns)
            } ?? layout
            layouts.append(layout)
            blocks += layout.layout.blocks()
            pages.append(
                PageInfo(
                    number: index + 1, textSource: layout.textSource, width: layout.layout.width,
                    height: layout.layout.height, cellCount: layout.layout.cellCount))
        }
        var notes = ["pdf.renderDPI": formatted(renderDPI), "pdf.scanRenderDPI": formatted(scanRenderDPI)]
        notes["pdf.producer"] = producer
        notes["pdf.creator"] = creator
        notes.merge(scans?.manifestNotes ?? [:]) { $1 }
        let turned = layouts.filter { $0.quarterTurns != 0 }.map { "\($0.pageNumber): \($0.quarterTurns * 90)°" }
        if !turned.isEmpty { notes["ocr.pagesTurnedUpright"] = turned.joined(separator: ", ") }
        let extracted = ExtractedDocument(kind: .pdf, pages: pages, blocks: blocks, notes: notes)
        return PDFExtraction(document: extracted, pages: layouts)
    }

    private func analyse(_ page: PopplerPage, number: Int, documentIsOCR: Bool, expectScan: Bool) -> PDFPageLayout {
        let clock = ContinuousClock()
        var timings = PDFPageTimings()
        func measure<T>(_ step: WritableKeyPath<PDFPageTimings, Double>, _ body: () -> T) -> T {
            let start = clock.now
            let result = body()
            let elapsed = clock.now - start
            timings[keyPath: step] +=
                Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            return result
        }
        var size = page.size
        // Render first: poppler-glib builds the page's text as a side effect of a screen render,
        // so the text calls after it reuse that pass instead of parsing the page a second time.
        var dpi = resolution(expectScan ? scanRenderDPI : renderDPI, for: size)
        var image = measure(\.render) { page.renderGrey(dpi: dpi) }
        let characters = measure(\.text) { page.characters() }
        var source = PDFTextSource.classify(characters: characters, documentIsOCR: documentIsOCR)
        var paper = image.paperLevel()
        if source == .textLayer, PDFTextSource.isScan(paperLevel: paper, imageCoverage: page.largestImageCoverage) {
            source = .ocrTextLayer
        }
        if source != .textLayer, dpi < resolution(scanRenderDPI, for: size) {
            // A scan after all (no text, or a page-sized image): its rulings need more pixels.
            // Knowing it before the first render would cost a content-stream pass on every
            // born-digital page; rendering the first page of a scan twice costs less than its OCR.
            dpi = resolution(scanRenderDPI, for: size)
            image = measure(\.render) { page.renderGrey(dpi: dpi) }
            paper = image.paperLevel()
        }
        var quarterTurns = 0
        if source == .textLayer {
            blankGlyphs(characters, in: &image, dpi: dpi)
        } else {
            // A scan: rulings are looked for in the lines Leptonica keeps of the levelled page.
            let cleaner = ScanPageCleaner(dpi: dpi)
            var levelled = measure(\.rulings) { cleaner.normalized(image) }
            if source == .ocr, let detector = orientationDetector {
                // A page fed upside down or sideways is read upright; a text layer's boxes are in
                // the page's own frame, so only image-only pages are turned.
                quarterTurns = measure(\.rulings) { detector.uprightingQuarterTurns(of: levelled, ppi: Int(dpi.rounded())) }
                if quarterTurns != 0 {
                    levelled = levelled.turned(quarters: quarterTurns)
                    if quarterTurns % 2 == 1 { size = (size.height, size.width) }
                }
            }
            image = measure(\.rulings) { cleaner.rulingImage(of: levelled) } ?? levelled
            paper = image.paperLevel()
        }
        let rulings = measure(\.rulings) {
            let detector = RulingLineDetector(dpi: dpi)
            var found = detector.detect(in: image, paperLevel: paper)
            if source != .textLayer {
                // A scan's rules thickened by blur: see ThickRulingRecovery.
                var thick = detector
                thick.configuration.maximumThickness = ScanPageCleaner(dpi: dpi).maximumRulingThickness
                found = ThickRulingRecovery(tolerance: Double(detector.configuration.mergeGap)).recovered(
                    thin: found, thick: thick.detect(in: image, paperLevel: paper))
                found = FramelessRulingFilter(
                    tolerance: Double(detector.configuration.mergeGap), frameLength: 100 * dpi / 72
                ).kept(found)
            }
            return found.map { $0.scaled(by: 72 / dpi) }
        }
        var dropped = 0
        let layout = measure(\.layout) {
            var text = characters
            if source == .ocrTextLayer {
                (text, dropped) = RulingGlyphFilter.removingRulingGlyphs(from: characters, rulings: rulings)
            }
            return PageLayout.analyse(
                pageNumber: number, width: size.width, height: size.height, characters: text, rulings: rulings,
                tolerance: gridTolerance)
        }
        return PDFPageLayout(
            layout: layout, textSource: source, renderDPI: dpi, characterCount: characters.count,
            droppedRulingGlyphs: dropped, timings: timings, quarterTurns: quarterTurns)
    }

    /// Tesseract's orientation detector, when OCR is on and its model is installed.
    private var orientationDetector: PageOrientationDetector? {
        guard let ocr else { return nil }
        return PageOrientationDetector.shared(dataPath: ocr.dataPath ?? TesseractEngine.defaultDataPath())
    }

    /// `dpi`, lowered if needed so that the render stays under 40 million pixels: a page size of
    /// 200 × 200 inches is legal PDF and would otherwise ask for gigabytes.
    private func resolution(_ dpi: Double, for size: (width: Double, height: Double)) -> Double {
        let maximumPixels = 40_000_000.0
        let pixels = size.width * size.height * (dpi / 72) * (dpi / 72)
        return pixels <= maximumPixels ? dpi : dpi * (maximumPixels / pixels).squareRoot()
    }

    /// Whitens the glyphs of a born-digital page so that only rulings remain to be found.
    ///
    /// Only for real text layers: an OCR layer's boxes are guesses and may sit on a ruling it
    /// misread as "|". Spaces are skipped (Poppler stretches a space's box over the gap to the
    /// next word, which may cross a ruling), boxes are shrunk by a pixel, so a ruling that a box
    /// touches survives.
    private func blankGlyphs(_ characters: [PageCharacter], in image: inout GreyImage, dpi: Double) {
        let scale = dpi / 72
        for character in characters where !character.isWhitespace {
            let box = character.box
            guard box.width < 3 * max(box.height, 1) else { continue }
            image.whiten(
                x0: Int((box.x0 * scale).rounded(.up)) + 1, y0: Int((box.y0 * scale).rounded(.up)) + 1,
                x1: Int((box.x1 * scale).rounded(.down)) - 1, y1: Int((box.y1 * scale).rounded(.down)) - 1)
        }
    }

    private func checkNotEmpty(file: URL, displayName: String) throws(ConversionError) {
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? nil
        if size == 0 {
            throw ConversionError(
                .empty, file: displayName, stage: .extract, "the file is empty: drop the complete file again")
        }
    }

    /// Poppler calls anything that is not a PDF "damaged"; when the bytes are a known other
    /// format, say what the file really is.
    private static func explainNonPDF(_ error: ConversionError, file: URL) -> ConversionError {
        guard error.code == .damaged, let handle = try? FileHandle(forReadingFrom: file) else { return error }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 16)) ?? Data())
        guard let signature = BinarySignature.match(head) else { return error }
        return ConversionError(
            .notSupported, file: error.file, stage: .extract,
            "not a PDF: the file is \(signature) data named .pdf; export it as PDF or drop it with its real extension")
    }
}
