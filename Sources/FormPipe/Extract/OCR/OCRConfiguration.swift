/// How image-only pages are read. Every field has the default the corpus was measured with.
public struct OCRConfiguration: Sendable, Hashable {
    /// Tesseract language models joined with "+", as `pipeline.json`'s `ocr.languages`
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
    /// Re-read a cell of a scanner's OCR text layer with Tesseract when its text is implausible
    /// (Latin garbage such as "aes", "eee" in a form that is Chinese). Default true.
    public var reReadImplausibleTextLayer: Bool

    public init(
        languages: String = "chi_sim+eng", dataPath: String? = nil, renderDPI: Double = 300,
        reReadImplausibleTextLayer: Bool = true
    ) {
        self.languages = languages
        self.dataPath = dataPath
        self.renderDPI = renderDPI
        self.reReadImplausibleTextLayer = reReadImplausibleTextLayer
    }

    /// The tessdata folder used when none is configured.
    static let debianDataPath = "/usr/share/tesseract-ocr/5/tessdata"
}
