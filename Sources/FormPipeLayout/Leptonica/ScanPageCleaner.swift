/// Clean-up of a scanned page image with Leptonica, before its rulings are looked for and its
/// cells are read. See docs/ocr.md, "Page clean-up", for what each step is for.
///
/// Born-digital renders never come here: their paper is white and their rules are sharp.
package struct ScanPageCleaner: Sendable {
    /// Resolution of the images this cleaner is given.
    package let dpi: Double

    package init(dpi: Double) {
        self.dpi = dpi
    }

    /// Thickest ink across a ruling of a scan, in pixels: 3 pt. A rule printed heavier than the
    /// rest and blurred by the scanner is ~2 pt of ink (var-12: the rule under 项目名称, ~4 px at
    /// 150 dpi, lost at the detector's default of 2 pt, which merged two rows and lost the form).
    /// Only taken where such a line joins the table (`ThickRulingRecovery`).
    package var maximumRulingThickness: Int { pixels(3) }

    package func pixels(_ points: Double) -> Int { max(1, Int((points * dpi / 72).rounded())) }

    /// The page with its paper levelled to one grey (230) everywhere: grey, yellowed or unevenly
    /// lit paper and the scanner's shading become the same background, so one ink threshold
    /// holds across the page. Tiles of ~10 pt: a few characters, so a tile inside a paragraph
    /// still has paper between strokes to measure.
    package func normalized(_ image: GreyImage) -> GreyImage {
        let paper = Int(image.paperLevel())
        guard let source = LeptonicaImage(image),
            let levelled = source.backgroundNormalized(tile: max(10, pixels(10)), threshold: paper * 3 / 4)
        else { return image }
        return levelled.greyImage()
    }

    /// Only the ruling lines of a normalized page, in grey on paper: breaks of up to ~1.5 pt
    /// along a line bridged (dust, a faint stretch, a crossing the scanner lost), then every dark
    /// shape shorter than 12 pt in both directions made paper, so text, specks, blots and the
    /// paper's grain are gone and `RulingLineDetector` traces and fits only long runs. Grey
    /// morphology keeps a faint line as faint as it was, where a binarization first would cut it
    /// into pieces. A skew of up to ~2° leaves a thin line as steps longer than 12 pt.
    package func rulingImage(of normalized: GreyImage) -> GreyImage? {
        guard let page = LeptonicaImage(normalized),
            let horizontal = page.darkLines(horizontal: true, gap: pixels(1.5), length: pixels(12)),
            let vertical = page.darkLines(horizontal: false, gap: pixels(1.5), length: pixels(12)),
            let lines = horizontal.darker(vertical)
        else { return nil }
        return lines.greyImage()
    }
}
