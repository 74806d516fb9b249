/// Decides where a PDF page's text came from.
///
/// - No text at all → `.ocr`: an image-only scan; its cells are still found from the rulings so
///   an OCR stage can fill them.
/// - The document's `/Producer` or `/Creator` names an OCR engine or an OCR-ing scanner tool →
///   `.ocrTextLayer`. This is what office scanners and `ocrmypdf`/`tesseract` write, and it
///   costs nothing to check.
/// - Otherwise, a page with text and one image covering ≥ 90 % of it → `.ocrTextLayer`: a scan
///   with an invisible text layer from an unnamed engine. (poppler-glib does not expose the
///   text render mode, so invisibility itself cannot be checked.) A born-digital page printed
///   over a full-page background picture would be misread as OCR; none has been seen yet.
/// - Otherwise → `.textLayer` (born digital).
enum PDFTextSource {
    /// Lower-cased fragments of producer/creator strings written by OCR software.
    static let ocrSoftware = [
        "tesseract", "ocrmypdf", "abbyy", "finereader", "readiris", "omnipage", "paddleocr", "paper capture",
        "clearscan", "naps2",
    ]

    static func documentIsOCR(producer: String?, creator: String?) -> Bool {
        let names = [producer, creator].compactMap { $0?.lowercased() }
        return names.contains { name in ocrSoftware.contains { name.contains($0) } }
    }

    /// - Parameter imageCoverage: the share of the page covered by its largest image; only
    ///   called when the answer depends on it, because it walks the page's content stream.
    static func classify(characters: [PageCharacter], documentIsOCR: Bool, imageCoverage: () -> Double)
        -> PageTextSource
    {
        guard characters.contains(where: { !$0.isWhitespace }) else { return .ocr }
        if documentIsOCR { return .ocrTextLayer }
        return imageCoverage() >= 0.9 ? .ocrTextLayer : .textLayer
    }
}
