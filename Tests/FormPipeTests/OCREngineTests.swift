import Foundation
import Testing

@testable import FormPipeCore
@testable import FormPipeExtract

/// The Tesseract engine on images drawn here: text, confidences, boxes and alternatives come
/// back, and the engine is reused across calls.
@Suite(.serialized)
struct OCREngineTests {
    static let engine = Result { try TesseractEngine.shared(for: OCRConfiguration()) }

    private func read(_ image: SyntheticTextImage, _ segmentation: OCRSegmentation, alternatives: Bool = false) throws
        -> [OCRWord]
    {
        try Self.engine.get().recognize(
            image.pixels, width: image.width, height: image.height, ppi: 300, segmentation: segmentation,
            alternatives: alternatives)
    }

    @Test func readsChineseLine() throws {
        let words = try read(SyntheticTextImage(lines: ["项目支出绩效自评表"]), .line)
        #expect(words.map(\.text).joined() == "项目支出绩效自评表")
        // A correct word can still score ~0.4; the mean is high.
        #expect(words.allSatisfy { $0.confidence > 0.3 && $0.confidence <= 1 }, "\(words.map(\.confidence))")
        #expect(words.map(\.confidence).reduce(0, +) / Double(words.count) > 0.8)
        #expect(words.allSatisfy { $0.line == 0 })
    }

    @Test func readsDigitsWithBoxesInsideTheImage() throws {
        let image = SyntheticTextImage(lines: ["587.049060"])
        let words = try read(image, .line)
        #expect(words.map(\.text).joined() == "587.049060")
        for word in words {
            #expect(word.box.x0 >= 0 && word.box.x1 <= image.width && word.box.y0 >= 0 && word.box.y1 <= image.height)
            #expect(word.symbols.map(\.text).joined() == word.text)
        }
    }

    @Test func readsABlockLineByLine() throws {
        let words = try read(SyntheticTextImage(lines: ["年初预算数", "全年执行数"]), .block)
        let lines = Dictionary(grouping: words, by: \.line).sorted { $0.key < $1.key }.map {
            $0.value.map(\.text).joined()
        }
        #expect(lines == ["年初预算数", "全年执行数"])
    }

    @Test func returnsAlternativesOnlyWhenAsked() throws {
        let image = SyntheticTextImage(lines: ["100%"])
        let plain = try read(image, .line)
        #expect(plain.flatMap(\.symbols).allSatisfy { $0.alternatives.isEmpty })
        let withChoices = try read(image, .line, alternatives: true)
        let symbols = withChoices.flatMap(\.symbols)
        #expect(!symbols.isEmpty)
        #expect(symbols.allSatisfy { !$0.alternatives.isEmpty })
        #expect(symbols.allSatisfy { $0.alternatives.allSatisfy { (0...1).contains($0.confidence) } })
        // The engine is back in plain mode afterwards.
        #expect(try read(image, .line).flatMap(\.symbols).allSatisfy { $0.alternatives.isEmpty })
    }

    /// Tesseract's line mode "reads" a blank image ("Oo", confidence 0): callers must check a
    /// cell for ink before OCR (the cell reader does), and the confidence says how little the
    /// reading is worth.
    @Test func blankImageReadsAsNothingOrWithoutConfidence() throws {
        let blank = [UInt8](repeating: 255, count: 200 * 60)
        let words = try Self.engine.get().recognize(blank, width: 200, height: 60, ppi: 300, segmentation: .line)
        #expect(words.allSatisfy { $0.confidence < 0.1 })
    }

    @Test func reportsVersionAndLanguagesForTheManifest() throws {
        let notes = try Self.engine.get().manifestNotes
        #expect(notes["ocr.engine"]?.hasPrefix("tesseract 5") == true)
        #expect(notes["ocr.languages"] == "chi_sim+eng")
    }

    @Test func missingLanguageIsAnOCRUnavailableError() {
        #expect(throws: ConversionError.self) {
            _ = try TesseractEngine(configuration: OCRConfiguration(languages: "xx_nonexistent"))
        }
    }

    @Test func sharedEngineIsReused() throws {
        let first = try TesseractEngine.shared(for: OCRConfiguration())
        let second = try TesseractEngine.shared(for: OCRConfiguration(renderDPI: 200))
        #expect(first === second)
    }
}
