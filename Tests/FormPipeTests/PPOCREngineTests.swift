import Foundation
import Testing

@testable import FormPipeCore
@testable import FormPipeExtract

/// The PP-OCR engine for real: `ocr-engine/ppocr_worker.py` started from the virtual environment
/// that `scripts/install-ocr-engine.sh` makes (scripts/test.sh runs it first), reading images
/// drawn here — Chinese, numbers, a block of lines, a number-only reading — and started again
/// when its process dies.
@Suite(.serialized)
struct PPOCREngineTests {
    static let engine = Result { try PPOCREngine.shared() }

    private func read(
        _ image: SyntheticTextImage, _ segmentation: OCRSegmentation, alternatives: Bool = false,
        allowed: String? = nil, engine: PPOCREngine? = nil
    ) throws -> [OCRWord] {
        try (engine ?? Self.engine.get()).recognize(
            image.pixels, width: image.width, height: image.height, ppi: 300, segmentation: segmentation,
            alternatives: alternatives, allowedCharacters: allowed)
    }

    @Test func readsAChineseLineWithBoxesInsideTheImage() throws {
        let image = SyntheticTextImage(lines: ["项目支出绩效自评表"])
        let words = try read(image, .line)
        #expect(words.map(\.text).joined() == "项目支出绩效自评表")
        #expect(words.allSatisfy { $0.confidence > 0.5 && $0.confidence <= 1 && $0.line == 0 })
        for symbol in words.flatMap(\.symbols) {
            #expect(symbol.box.x0 >= 0 && symbol.box.x1 <= image.width && symbol.box.width > 0)
        }
        // One symbol per character, left to right: the cell assembler places them by these boxes.
        let symbols = words.flatMap(\.symbols)
        #expect(symbols.count == 9)
        #expect(zip(symbols, symbols.dropFirst()).allSatisfy { $0.box.x0 < $1.box.x0 })
    }

    @Test(arguments: ["587.049060", "100%", "55574477"])
    func readsNumbers(_ number: String) throws {
        #expect(try read(SyntheticTextImage(lines: [number]), .line).map(\.text).joined() == number)
    }

    @Test func readsABlockLineByLine() throws {
        let words = try read(SyntheticTextImage(lines: ["年初预算数", "全年执行数"]), .block)
        let lines = Dictionary(grouping: words, by: \.line).sorted { $0.key < $1.key }.map {
            $0.value.map(\.text).joined()
        }
        #expect(lines == ["年初预算数", "全年执行数"])
    }

    /// A number column's restricted reading: only the allowed characters come back, and a bar
    /// that the model reads as the ideograph "一" is the dash a number column means.
    @Test func readsOnlyTheAllowedCharacters() throws {
        let allowed = String(NumericReadingChooser.numericCharacters)
        #expect(try read(SyntheticTextImage(lines: ["—"]), .line, allowed: allowed).map(\.text).joined() == "—")
        let words = try read(SyntheticTextImage(lines: ["项目12"]), .line, allowed: allowed)
        #expect(words.map(\.text).joined().allSatisfy(NumericReadingChooser.numericCharacters.contains))
    }

    /// Asked for them, each symbol comes with alternatives that the number-column chooser can use.
    @Test func returnsAlternativesOnlyWhenAsked() throws {
        let image = SyntheticTextImage(lines: ["90%"])
        #expect(try read(image, .line).flatMap(\.symbols).allSatisfy { $0.alternatives.isEmpty })
        let symbols = try read(image, .line, alternatives: true).flatMap(\.symbols)
        #expect(!symbols.isEmpty && symbols.allSatisfy { !$0.alternatives.isEmpty })
        #expect(symbols.allSatisfy { $0.alternatives.allSatisfy { (0...1.0001).contains($0.confidence) } })
    }

    /// A batch reads each image as it is read alone (the worker lays their lines side by side),
    /// with no character straying into a neighbour and every box inside its own image.
    @Test func readsABatchImageByImage() throws {
        let images = [
            SyntheticTextImage(lines: ["项目名称"]), SyntheticTextImage(lines: ["100%"]),
            SyntheticTextImage(lines: ["年初预算数", "全年执行数"]), SyntheticTextImage(lines: ["587.049060"]),
            SyntheticTextImage(lines: ["得分"]),
        ]
        let blank = RecognitionRequest(
            pixels: [UInt8](repeating: 255, count: 200 * 60), width: 200, height: 60, ppi: 300, segmentation: .line,
            alternatives: false)
        let requests = images.enumerated().map { index, image in
            RecognitionRequest(
                pixels: image.pixels, width: image.width, height: image.height, ppi: 300,
                segmentation: index == 2 ? .block : .line, alternatives: true)
        }
        let read = try Self.engine.get().recognize(batch: [requests[0], blank] + requests.dropFirst())
        #expect(read.count == images.count + 1)
        #expect(read[1].isEmpty)
        let texts = ([read[0]] + read.dropFirst(2)).map { $0.map(\.text).joined() }
        #expect(texts == ["项目名称", "100%", "年初预算数全年执行数", "587.049060", "得分"])
        for (image, words) in zip(images, [read[0]] + read.dropFirst(2)) {
            for symbol in words.flatMap(\.symbols) {
                #expect(symbol.box.x0 >= 0 && symbol.box.x1 <= image.width && symbol.box.width > 0)
            }
        }
    }

    /// The page reader's re-reads in batches: a trial notes the images it has no answer for and
    /// gets nothing for them, one batch reads them all (a number-only reading among them), and
    /// from then on each is answered as the engine reads it alone; with misses no longer
    /// recorded, an image never asked for is read there and then.
    @Test func rereadsAreCollectedAndReadInOneBatch() throws {
        let engine = try Self.engine.get()
        let batcher = RereadBatcher(engine: engine)
        let label = SyntheticTextImage(lines: ["项目名称"])
        let number = SyntheticTextImage(lines: ["587.049060"])
        let allowed = String(NumericReadingChooser.numericCharacters)
        func text(_ image: SyntheticTextImage, allowed: String? = nil, by recognizer: any CellRecognizer) -> String {
            recognizer.recognize(
                image.pixels, width: image.width, height: image.height, ppi: 300, segmentation: .line,
                allowedCharacters: allowed
            ).map(\.text).joined()
        }
        #expect(text(label, by: batcher).isEmpty)
        #expect(text(number, allowed: allowed, by: batcher).isEmpty)
        #expect(text(label, by: batcher).isEmpty)
        #expect(batcher.hasMisses)
        batcher.readMisses()
        #expect(!batcher.hasMisses)
        #expect(batcher.counts.images == 2 && batcher.counts.batches == 1)
        #expect(text(label, by: batcher) == "项目名称")
        #expect(text(number, allowed: allowed, by: batcher) == text(number, allowed: allowed, by: engine))
        #expect(!batcher.hasMisses)
        batcher.recordsMisses = false
        #expect(text(SyntheticTextImage(lines: ["得分"]), by: batcher) == "得分")
        #expect(batcher.counts.batches == 1)
    }

    @Test func aBlankImageReadsAsNothing() throws {
        let blank = [UInt8](repeating: 255, count: 200 * 60)
        #expect(try Self.engine.get().recognize(blank, width: 200, height: 60, ppi: 300, segmentation: .line).isEmpty)
    }

    /// A worker that dies is started again on the next image, which is still read.
    @Test func aDeadWorkerIsStartedAgain() throws {
        let engine = try PPOCREngine(installation: PPOCRInstallation.located())
        let first = try #require(engine.processID)
        #expect(kill(first, SIGKILL) == 0)
        let words = try read(SyntheticTextImage(lines: ["得分"]), .line, engine: engine)
        #expect(words.map(\.text).joined() == "得分")
        #expect(engine.processID != nil && engine.processID != first)
        #expect(engine.takeFailure() == nil)
        #expect(engine.manifestNotes["ocr.engine"]?.hasPrefix("ppocr (PP-OCR") == true)
    }

    @Test func aMissingInstallationIsAnOCRUnavailableError() {
        let nowhere = PPOCRInstallation(folder: URL(fileURLWithPath: "/nonexistent/ocr-engine"))
        #expect(throws: ConversionError.self) { _ = try PPOCREngine(installation: nowhere) }
    }
}
