import CTesseract
import Foundation
import Synchronization
import FormPipeCore

/// The one Swift owner of a Tesseract `TessBaseAPI *`: initialised once with its languages,
/// reused for every image (cells and pages alike), ended and deleted in `deinit`.
///
/// The handle is reachable only through a mutex: a `TessBaseAPI` keeps the current image and
/// its results inside, so two threads using it at once would read each other's results. One
/// engine per worker process is the intended use (`shared(for:)`); Init costs ~0.3 s, which
/// per-cell or per-file engines would pay again.
public final class TesseractEngine: CellRecognizer, Sendable {
    /// `@unchecked Sendable`: a C pointer, used only inside `handle.withLock`.
    private struct Handle: @unchecked Sendable {
        let api: OpaquePointer
        /// Whether `lstm_choice_mode` is currently on; flipped only when a call needs it changed.
        var choicesEnabled = false
    }

    private let handle: Mutex<Handle>

    /// Tesseract's version string, e.g. "5.3.0". The corresponding C function is `TessVersion`.
    public let version: String
    /// The languages Tesseract actually loaded, e.g. "chi_sim+eng".
    public let languages: String

    /// - Throws: `.ocrUnavailable` when a language model is missing or the data path is wrong.
    ///   The corresponding C functions are `TessBaseAPICreate` and `TessBaseAPIInit3`.
    public init(configuration: OCRConfiguration = OCRConfiguration()) throws(ConversionError) {
        let dataPath = configuration.dataPath ?? Self.defaultDataPath()
        guard let handle = TessBaseAPICreate() else {
            throw ConversionError(.ocrUnavailable, file: "", stage: .extract, "cannot create a Tesseract engine")
        }
        guard TessBaseAPIInit3(handle, dataPath, configuration.languages) == 0 else {
            TessBaseAPIDelete(handle)
            throw ConversionError(
                .ocrUnavailable, file: "", stage: .extract,
                "Tesseract cannot load the languages \"\(configuration.languages)\" from \(dataPath): install "
                    + "tesseract-ocr-chi-sim / tesseract-ocr-eng, or fix ocrLanguages in pipeline.json (TESSDATA_PREFIX names another model folder)"
            )
        }
        self.handle = Mutex(Handle(api: handle))
        self.version = TessVersion().map { String(cString: $0) } ?? "unknown"
        self.languages =
            TessBaseAPIGetInitLanguagesAsString(handle).map { String(cString: $0) } ?? configuration.languages
        // Tesseract writes warnings ("Empty page!!", resolution notes) to stderr per image; a
        // worker reading hundreds of cells would flood its log with them.
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
    }

    deinit {
        handle.withLock { handle in
            TessBaseAPIEnd(handle.api)
            TessBaseAPIDelete(handle.api)
        }
    }

    /// Reads the text of a grey image.
    ///
    /// - Parameters:
    ///   - pixels: 8-bit grey, 0 = black, row-major; at least `bytesPerLine × height` bytes.
    ///   - ppi: the image's resolution, which Tesseract uses to judge text size.
    ///   - segmentation: `.line` for a one-line cell, `.block` for a multi-line cell, `.page`
    ///     for a page or a region of unknown layout.
    ///   - alternatives: also return each symbol's alternatives from the choice iterator
    ///     (`lstm_choice_mode` 2); no measurable cost on cells.
    ///   - allowedCharacters: read only these characters (`tessedit_char_whitelist`); nil for all.
    /// - Returns: the words in reading order, boxes in `pixels`' coordinates.
    ///
    /// The corresponding C functions are `TessBaseAPISetImage`, `TessBaseAPIRecognize` and
    /// `TessBaseAPIGetIterator`.
    public func recognize(
        pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int, bytesPerLine: Int, ppi: Int,
        segmentation: OCRSegmentation, alternatives: Bool, allowedCharacters: String?
    ) -> [OCRWord] {
        precondition(pixels.count >= bytesPerLine * height && bytesPerLine >= width, "image buffer too small")
        guard width > 0, height > 0, let base = pixels.baseAddress else { return [] }
        return handle.withLock { handle -> [OCRWord] in
            let api = handle.api
            if alternatives != handle.choicesEnabled {
                _ = TessBaseAPISetVariable(api, "lstm_choice_mode", alternatives ? "2" : "0")
                handle.choicesEnabled = alternatives
            }
            if let allowedCharacters {
                _ = TessBaseAPISetVariable(api, "tessedit_char_whitelist", allowedCharacters)
            }
            defer { if allowedCharacters != nil { _ = TessBaseAPISetVariable(api, "tessedit_char_whitelist", "") } }
            TessBaseAPISetPageSegMode(api, TessPageSegMode(rawValue: UInt32(segmentation.rawValue)))
            TessBaseAPISetImage(api, base, Int32(width), Int32(height), 1, Int32(bytesPerLine))
            TessBaseAPISetSourceResolution(api, Int32(ppi))
            defer { TessBaseAPIClear(api) }
            guard TessBaseAPIRecognize(api, nil) == 0, let iterator = TessBaseAPIGetIterator(api) else { return [] }
            defer { TessResultIteratorDelete(iterator) }
            return TesseractResultReader(iterator: iterator, alternatives: alternatives).words()
        }
    }

    /// Facts for the manifest's notes.
    public var manifestNotes: [String: String] {
        ["ocr.engine": "tesseract \(version)", "ocr.languages": languages]
    }

    /// `TESSDATA_PREFIX` when set, else Debian's tessdata folder.
    static func defaultDataPath() -> String {
        if let prefix = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"], !prefix.isEmpty { return prefix }
        return OCRConfiguration.debianDataPath
    }
}

extension TesseractEngine {
    /// Engines by data path and languages.
    private static let cache = Mutex<[String: TesseractEngine]>([:])

    /// The engine of this process for `configuration`, created on first use and then reused by
    /// every file the process converts.
    public static func shared(for configuration: OCRConfiguration) throws(ConversionError) -> TesseractEngine {
        let key = "\(configuration.dataPath ?? defaultDataPath())|\(configuration.languages)"
        return try cache.withLock { (engines) throws(ConversionError) -> TesseractEngine in
            if let engine = engines[key] { return engine }
            let engine = try TesseractEngine(configuration: configuration)
            engines[key] = engine
            return engine
        }
    }
}
