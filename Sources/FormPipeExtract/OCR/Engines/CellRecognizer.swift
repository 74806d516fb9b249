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

    /// Whether reading many images in one `recognize(batch:)` call is faster than one by one: the
    /// page reader then reads all the cells of a page first, in one batch.
    var readsBatches: Bool { get }

    /// Reads several images, each as `recognize(pixels:…)` would; one answer per image, in order.
    func recognize(batch: [RecognitionRequest]) -> [[OCRWord]]
}

/// One image of a `CellRecognizer.recognize(batch:)` call, contiguous (`bytesPerLine == width`).
public struct RecognitionRequest: Sendable {
    public var pixels: [UInt8]
    public var width: Int
    public var height: Int
    public var ppi: Int
    public var segmentation: OCRSegmentation
    public var alternatives: Bool
    /// Read only these characters; nil for all.
    public var allowedCharacters: String?

    public init(
        pixels: [UInt8], width: Int, height: Int, ppi: Int, segmentation: OCRSegmentation, alternatives: Bool,
        allowedCharacters: String? = nil
    ) {
        precondition(pixels.count >= width * height, "image buffer too small")
        self.pixels = pixels
        self.width = width
        self.height = height
        self.ppi = ppi
        self.segmentation = segmentation
        self.alternatives = alternatives
        self.allowedCharacters = allowedCharacters
    }
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

    public var readsBatches: Bool { false }

    public func recognize(batch: [RecognitionRequest]) -> [[OCRWord]] {
        batch.map {
            recognize(
                $0.pixels, width: $0.width, height: $0.height, ppi: $0.ppi, segmentation: $0.segmentation,
                alternatives: $0.alternatives, allowedCharacters: $0.allowedCharacters)
        }
    }
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
