import Foundation
import FormPipeCore
import FormPipeLayout

/// The OCR step of PDF extraction, page after page of one document: image-only pages are read
/// with Tesseract, and pages with a scanner's OCR text layer as `scannerTextLayer` says (by
/// default read again like image-only pages: see docs/ocr.md for the measurements).
///
/// Holds what carries over between pages: the engine (created on the first page that needs it,
/// shared by the whole worker process), the column kinds learnt from headers, and counts.
struct ScannedDocumentReader {
    let configuration: OCRConfiguration
    private(set) var engine: (any CellRecognizer)?
    private var scriptEngine: (any CellRecognizer)?
    private var columns = ColumnKindTracker()
    private(set) var statistics = ScannedPageReader.Statistics()
    private(set) var milliseconds = 0.0
    /// Whether a page with a scanner's OCR text layer was seen (the manifest says what was done).
    private var sawTextLayer = false

    init(configuration: OCRConfiguration) {
        self.configuration = configuration
    }

    /// The page's layout with OCR text in it, or unchanged when its text layer is its own.
    ///
    /// - Parameter render: renders the page in grey at the given dpi, or less for a page too
    ///   large for it (the extractor caps renders at 40 Mpx); only called when a page needs OCR.
    mutating func fill(_ page: PDFPageLayout, displayName: String, render: (Double) -> GreyImage)
        throws(ConversionError) -> PDFPageLayout
    {
        let start = ContinuousClock.now
        defer { milliseconds += Double((ContinuousClock.now - start) / .microseconds(1)) / 1000 }
        let policy = configuration.scannerTextLayer
        if page.textSource == .ocrTextLayer { sawTextLayer = true }
        guard page.textSource == .ocr || (page.textSource == .ocrTextLayer && policy != .keep) else { return page }
        let rendered = render(configuration.renderDPI)
        let dpi = page.layout.width > 0 ? Double(rendered.width) * 72 / page.layout.width : configuration.renderDPI
        let image = ScanPageCleaner(dpi: dpi).normalized(rendered)
        let reader = try pageReader(for: displayName, dpi: dpi)
        var filled = page
        if page.textSource == .ocr || policy == .ignore {
            filled.layout = reader.read(page.layout, image: image, columns: &columns, statistics: &statistics)
        } else {
            let outsidePlausible = page.layout.outsideText.allSatisfy {
                TextLayerPlausibility.isPlausible($0.text, kind: .text)
            }
            filled.layout = reader.read(
                page.layout, image: image, columns: &columns, statistics: &statistics,
                cellNeedsReading: { cell, kind in !TextLayerPlausibility.isPlausible(cell.text, kind: kind) },
                outsideNeedsReading: !outsidePlausible)
        }
        if let failure = reader.engine.takeFailure() {
            throw ConversionError(.ocrUnavailable, file: displayName, stage: .extract, "page \(page.pageNumber): \(failure)")
        }
        return filled
    }

    /// Facts for the manifest: the engine's version and languages once it has run.
    var manifestNotes: [String: String] {
        var notes: [String: String] = [:]
        if sawTextLayer { notes["ocr.scannerTextLayer"] = configuration.scannerTextLayer.rawValue }
        guard let engine else { return notes }
        notes.merge(engine.manifestNotes) { $1 }
        notes["ocr.renderDPI"] = String(Int(configuration.renderDPI))
        notes["ocr.cellsRead"] = String(statistics.cellsRead)
        notes["ocr.cellsSkipped"] = String(statistics.cellsSkipped)
        notes["ocr.corrections"] = String(statistics.corrections)
        notes["ocr.greyRereads"] = String(statistics.greyRereads)
        if statistics.rereadBatches > 0 {
            notes["ocr.rereadsBatched"] = "\(statistics.rereadsBatched) in \(statistics.rereadBatches) batches"
        }
        notes["ocr.milliseconds"] = String(Int(milliseconds.rounded()))
        return notes
    }

    private mutating func pageReader(for displayName: String, dpi: Double) throws(ConversionError)
        -> ScannedPageReader
    {
        do throws(ConversionError) {
            let primary: any CellRecognizer
            if let engine {
                primary = engine
            } else if configuration.engine == .ppocr {
                primary = try PPOCREngine.shared()
            } else {
                primary = try TesseractEngine.shared(for: configuration)
            }
            engine = primary
            // The Latin-letter re-read is Tesseract's remedy for its own two-model confusion.
            if scriptEngine == nil, configuration.engine == .tesseract, let language = configuration.scriptLanguage {
                var scriptOnly = configuration
                scriptOnly.languages = language
                scriptEngine = try TesseractEngine.shared(for: scriptOnly)
            }
            var reader = ScannedPageReader(engine: primary, scriptEngine: scriptEngine, dpi: dpi)
            reader.cellTone = configuration.engine == .ppocr ? .contrast : .black
            return reader
        } catch {
            var named = error
            named.file = displayName
            throw named
        }
    }
}
