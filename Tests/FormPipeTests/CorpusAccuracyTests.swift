import Foundation
import Testing
@testable import FormPipePipeline

/// End to end over the corpus: every rendition converts, and its records match the gold
/// records field by field at least as well as this implementation has been measured to.
/// The floors are the measured accuracy; a drop fails the test.
@Suite(.serialized)
struct CorpusAccuracyTests {
    /// Converts `files` into a temporary outbox and compares each form with its gold record.
    private func measure(_ files: [(url: URL, stem: String)]) throws -> GoldComparison {
        let outbox = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outbox) }
        var comparison = GoldComparison()
        let converter = Converter()
        for (url, stem) in files {
            let summary = try converter.convert(file: url, into: outbox)
            let gold = try Fixtures.goldRecords(stem)
            for (number, record) in gold {
                let path = URL(fileURLWithPath: summary.outputFolder).appendingPathComponent(String(format: "form-%02d.json", number))
                let produced = (try? Data(contentsOf: path)).flatMap { try? JSONSerialization.jsonObject(with: $0) }
                comparison.compare(produced: produced, gold: record, label: "\(url.lastPathComponent)#\(number)")
            }
        }
        return comparison
    }

    private func report(_ comparison: GoldComparison, kind: String) {
        print("field accuracy \(kind): \(comparison.matched)/\(comparison.fields) = \(String(format: "%.2f", comparison.accuracy * 100))%")
        for line in comparison.mismatches.prefix(20) { print("  \(line)") }
    }

    @Test func ocrTextRenditions() throws {
        let files = Fixtures.stems.map { (Fixtures.corpus.appendingPathComponent("\($0).txt"), $0) }
        let comparison = try measure(files)
        report(comparison, kind: "OCR text (dev-*.txt)")
        #expect(comparison.accuracy >= 1.0)
    }

    @Test func seedConvertsIntoTwentyFourRecordsAndMatchesItsGold() throws {
        let outbox = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outbox) }
        let summary = try Converter().convert(file: Fixtures.seed, into: outbox)
        #expect(summary.forms == 24)
        let comparison = try measure([(Fixtures.seed, "seed")])
        report(comparison, kind: "seed (12 gold forms)")
        #expect(comparison.matched == comparison.fields, "\(comparison.mismatches.joined(separator: "\n"))")
    }
}

extension CorpusAccuracyTests {
    @Test func ocrHTMLRenditions() throws {
        let files = Fixtures.stems.map { (Fixtures.corpus.appendingPathComponent("\($0).html"), $0) }
        let comparison = try measure(files)
        report(comparison, kind: "OCR HTML (dev-*.html)")
        #expect(comparison.accuracy >= 1.0)
    }
}

extension CorpusAccuracyTests {
    @Test func bornDigitalPDFs() throws {
        let files = Fixtures.stems.map { (Fixtures.corpus.appendingPathComponent("\($0).pdf"), $0) }
        let comparison = try measure(files)
        report(comparison, kind: "born-digital PDF (dev-*.pdf)")
        #expect(comparison.accuracy >= 1.0)
    }
}
