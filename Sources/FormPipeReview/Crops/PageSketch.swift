import FormPipeExtract
import FormPipeLayout

/// A born-digital page as the extractor read it: its words at their boxes and its ruling lines,
/// in points. Enough to draw the neighbourhood of a repaired cell for review without rendering
/// the PDF a second time (see ``TextLayerCropDrawer``).
public struct PageSketch: Sendable {
    public var width: Double
    public var height: Double
    public var words: [TextLine]
    public var rulings: [RulingSegment]

    public init(width: Double, height: Double, words: [TextLine], rulings: [RulingSegment]) {
        self.width = width
        self.height = height
        self.words = words
        self.rulings = rulings
    }

    public init(_ layout: PageLayout) {
        self.init(width: layout.width, height: layout.height, words: layout.words, rulings: layout.rulings)
    }

    /// The sketches of a PDF's born-digital pages by page number. Scanned pages have none: their
    /// text is OCR's reading, and only the pixels show what the paper says.
    public static func drawable(from pages: [PDFPageLayout]) -> [Int: PageSketch] {
        var sketches: [Int: PageSketch] = [:]
        for page in pages where page.textSource == .textLayer {
            sketches[page.pageNumber] = PageSketch(page.layout)
        }
        return sketches
    }
}
