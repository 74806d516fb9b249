/// A reader of text in grey images: what `ScannedPageReader` hands each cleaned cell (and the
/// text outside the tables) to. `TesseractEngine` (in process, the C API) and `PPOCREngine` (a
/// worker process running the PP-OCR models) are the two; `pipeline.json`'s `ocrEngine` picks one.
public protocol CellRecognizer: AnyObject, Sendable {
    /// Reads the text of a grey image.
    ///
    /// - Parameters:
    ///   - pixels: 8-bit grey, 0 = black, row-major; at least `bytesPerLine × height` bytes.
    ///   - ppi: the image's resolution.
    ///   - segmentation: `.line` for a one-line cell, `.block` for a multi-line cell, `.page` for
    ///     a region of unknown layout.
    ///   - alternatives: also return each symbol's alternatives where the engine has them.
    ///   - allowedCharacters: read only these characters; nil for all.
    /// - Returns: the words in reading order, boxes in `pixels`' coordinates; empty when nothing
    ///   was read (or the engine failed: see `takeFailure()`).
    func recognize(
        pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int, bytesPerLine: Int, ppi: Int,
        segmentation: OCRSegmentation, alternatives: Bool, allowedCharacters: String?
    ) -> [OCRWord]

    /// Facts for the manifest's notes ("ocr.engine", …).
    var manifestNotes: [String: String] { get }

    /// Why the engine could not read an image since the last call, once; nil when it could. A
    /// page whose images were not read fails its file with this reason rather than come out blank.
    func takeFailure() -> String?
}

extension CellRecognizer {
    /// Convenience for a contiguous buffer (`bytesPerLine == width`).
    public func recognize(
        _ pixels: [UInt8], width: Int, height: Int, ppi: Int, segmentation: OCRSegmentation, alternatives: Bool = false,
        allowedCharacters: String? = nil
    ) -> [OCRWord] {
        pixels.withUnsafeBufferPointer {
            recognize(
                pixels: $0, width: width, height: height, bytesPerLine: width, ppi: ppi, segmentation: segmentation,
                alternatives: alternatives, allowedCharacters: allowedCharacters)
        }
    }

    public func takeFailure() -> String? { nil }
}

/// Which recognizer reads image-only pages: `pipeline.json`'s `ocrEngine`.
public enum OCREngineKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Tesseract through its C API, `ocrLanguages` models. The default: nothing beyond Debian's
    /// packages is needed.
    case tesseract
    /// PP-OCR's detection and recognition models (from the `rapidocr` wheel) on ONNX Runtime, in
    /// a worker process of its own; installed by `scripts/install-ocr-engine.sh`. Reads
    /// degraded Chinese far better (docs/ocr.md, "Recognition engines measured").
    case ppocr
}
