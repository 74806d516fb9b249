import Foundation
import Testing

@testable import FormPipeExtract
@testable import FormPipePipeline

/// Image-only scans converted with `ocrEngine: ppocr`: the same grid and cell images as with
/// Tesseract, read by the PP-OCR worker, must give records at least as right as measured when
/// this was written (the floor; a drop fails). Two files keep the suite's time down: a 150 dpi
/// scan (dev-05, where Tesseract is weakest) and a two-page form (dev-01).
@Suite(.serialized)
struct PPOCRScanTests {
    static let stems = ["dev-01", "dev-05"]
    /// Measured 229/230 = 99.57 % (Tesseract: 221/230); docs/ocr.md, "Recognition engines measured".
    static let floor = 0.99

    @Test func fieldAccuracyAgainstGold() throws {
        var comparison = GoldComparison()
        for stem in Self.stems {
            let name = "\(stem).scan.pdf"
            var extractor = PDFExtractor()
            extractor.ocr?.engine = .ppocr
            let document = try extractor.extractWithLayouts(file: PDFCorpus.url(name), displayName: name).document
            #expect(document.notes["ocr.engine"]?.hasPrefix("ppocr (PP-OCR") == true)
            let forms = DocumentConverter().convert(document).forms
            for (number, gold) in try Fixtures.goldRecords(stem).sorted(by: { $0.key < $1.key }) {
                let produced = forms.indices.contains(number - 1)
                    ? try JSONSerialization.jsonObject(with: Data(forms[number - 1].json.pretty().utf8)) : nil
                comparison.compare(produced: produced, gold: gold, label: "\(name)#\(number)")
            }
        }
        print(
            "field accuracy with ppocr: \(comparison.matched)/\(comparison.fields) = "
                + String(format: "%.2f%%", comparison.accuracy * 100))
        for line in comparison.mismatches.prefix(40) { print("  \(line)") }
        #expect(comparison.accuracy >= Self.floor)
    }
}
