/// How image-only pages are read. Every field has the default the corpus was measured with.
public struct OCRConfiguration: Sendable, Hashable {
    /// Tesseract language models joined with "+", as `pipeline.json`'s `ocrLanguages`
    /// writes them. Default `chi_sim+eng`: the forms are Simplified Chinese with Latin digits.
    public var languages: String
    /// The first of `languages` when there are several ("chi_sim" of "chi_sim+eng"): cells whose
    /// reading came out with Latin letters are read again with it alone, because with both
    /// models loaded Tesseract reads a short Chinese name or a blurred word as English
    /// ("胡燕" → "HARE"), while the Chinese model alone misreads "%" — so neither alone will do.
    public var scriptLanguage: String? {
        let parts = languages.split(separator: "+")
        return parts.count > 1 ? String(parts[0]) : nil
    }

    /// The folder holding `*.traineddata`. Default: `TESSDATA_PREFIX` when set, else Debian's
    /// `/usr/share/tesseract-ocr/5/tessdata`.
    public var dataPath: String?
    /// Resolution of the page render that cells are cut from. Default 300: 10 pt CJK text is
    /// ~40 px high there, where Tesseract's models read it best (see `docs/ocr.md` for the
    /// 200 vs 300 dpi measurements).
    public var renderDPI: Double
    /// What to do with a scanner's OCR text layer. Default `.ignore`: the corpus measurements in
    /// `docs/ocr.md` show a scanner layer is never better than reading the cells again.
    public var scannerTextLayer: ScannerTextLayerPolicy
    /// Which recognizer reads the cells: `pipeline.json`'s `ocrEngine`. Default `.tesseract`.
    public var engine: OCREngineKind

    public init(
        languages: String = "chi_sim+eng", dataPath: String? = nil, renderDPI: Double = 300,
        scannerTextLayer: ScannerTextLayerPolicy = .ignore, engine: OCREngineKind = .tesseract
    ) {
        self.engine = engine
        self.languages = languages
        self.dataPath = dataPath
        self.renderDPI = renderDPI
        self.scannerTextLayer = scannerTextLayer
    }

    /// The tessdata folder used when none is configured.
    static let debianDataPath = "/usr/share/tesseract-ocr/5/tessdata"
}

/// How the cells of a page with a scanner's OCR text layer are read.
public enum ScannerTextLayerPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Keep the layer's text as it is.
    case keep = "keep"
    /// Keep the layer's text where it is plausible, read the other cells with Tesseract
    /// (`TextLayerPlausibility` says which).
    case reReadImplausible = "re-read-implausible"
    /// Read every cell with Tesseract as if the page had no text layer.
    case ignore = "ignore"
}
