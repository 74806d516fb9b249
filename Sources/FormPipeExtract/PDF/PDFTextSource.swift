import FormPipeLayout

/// Decides where a PDF page's text came from.
///
/// - No text at all → `.ocr`: an image-only scan; its cells are still found from the rulings so
///   an OCR stage can fill them.
/// - The document's `/Producer` or `/Creator` names an OCR engine or an OCR-ing scanner tool →
///   `.ocrTextLayer`. This is what office scanners and `ocrmypdf`/`tesseract` write, and it
///   costs nothing to check.
/// - Otherwise, a page with text whose render is not white paper and which has one image
///   covering ≥ 90 % of it → `.ocrTextLayer`: a scan with an invisible text layer from an
///   unnamed engine. (poppler-glib does not expose the text render mode, so invisibility itself
///   cannot be checked.) The image walk costs ~4 ms a page, so it runs only when the render
///   already shows grey paper. A born-digital page printed over a full-page background picture
///   would be taken for a scan; none has been seen yet.
/// - Otherwise → `.textLayer` (born digital).
enum PDFTextSource {
    /// Lower-cased fragments of producer/creator strings written by OCR software.
    static let ocrSoftware = [
        "tesseract", "ocrmypdf", "abbyy", "finereader", "readiris", "omnipage", "paddleocr", "paper capture",
        "clearscan", "naps2",
    ]

    /// Paper lighter than this is white: a born-digital render is 255, scans are 200–240.
    static let whitePaper: UInt8 = 248

    static func documentIsOCR(producer: String?, creator: String?) -> Bool {
        let names = [producer, creator].compactMap { $0?.lowercased() }
        return names.contains { name in ocrSoftware.contains { name.contains($0) } }
    }

    /// The source as far as the text layer and the document's metadata tell; `.textLayer` may
    /// still turn out to be a scan (see `isScan`).
    static func classify(characters: [PageCharacter], documentIsOCR: Bool) -> PageTextSource {
        guard characters.contains(where: { !$0.isWhitespace }) else { return .ocr }
        return documentIsOCR ? .ocrTextLayer : .textLayer
    }

    /// Whether a page with text is really a scan with a text layer.
    /// - Parameter imageCoverage: the share of the page its largest image covers; only called
    ///   when the paper is not white.
    static func isScan(paperLevel: UInt8, imageCoverage: () -> Double) -> Bool {
        paperLevel < whitePaper && imageCoverage() >= 0.9
    }
}
