import Foundation
import Testing
@testable import FormPipePipeline

/// End to end over the printed-variants corpus (`Fixtures/variants`, contract v2): each file of
/// each text-bearing rendition converts and its records match the gold field by field at least
/// as well as measured. Floors are per file, so a regression on one layout variant fails even
/// when the others hide it in a total.
@Suite(.serialized)
struct VariantsAccuracyTests {
    /// Field accuracy measured per file; a file not listed must be exact.
    static let floors: [String: Double] = [:]

    private func measure(_ stem: String, _ ext: String) throws -> GoldComparison {
        let outbox = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outbox) }
        let url = Fixtures.variants.appendingPathComponent("\(stem).\(ext)")
        let summary = try Converter().convert(file: url, into: outbox)
        var comparison = GoldComparison()
        let gold = try Fixtures.goldRecords(stem, in: Fixtures.variants.appendingPathComponent("gold"))
        #expect(summary.forms == gold.count, "\(url.lastPathComponent): \(summary.forms) forms, gold has \(gold.count)")
        for (number, record) in gold {
            let path = URL(fileURLWithPath: summary.outputFolder).appendingPathComponent(String(format: "form-%02d.json", number))
            let produced = (try? Data(contentsOf: path)).flatMap { try? JSONSerialization.jsonObject(with: $0) }
            comparison.compare(produced: produced, gold: record, label: "\(url.lastPathComponent)#\(number)")
        }
        return comparison
    }

    private func check(_ ext: String) throws {
        var total = GoldComparison()
        for stem in Fixtures.variantStems {
            let comparison = try measure(stem, ext)
            let name = "\(stem).\(ext)"
            let floor = Self.floors[name] ?? 1.0
            print("field accuracy \(name): \(comparison.matched)/\(comparison.fields) (floor \(floor))")
            #expect(comparison.accuracy >= floor, "\(name): \(comparison.mismatches.prefix(10).joined(separator: "\n"))")
            total.add(comparison)
        }
        print("field accuracy variants .\(ext): \(String(format: "%.2f", total.accuracy * 100))%")
        #expect(total.accuracy >= 0.98)
    }

    @Test func ocrText() throws { try check("txt") }

    @Test func ocrHTML() throws { try check("html") }

    @Test func bornDigitalPDF() throws { try check("pdf") }

    /// Image-only scans of the variants: only the light ones have floors (measured with
    /// Tesseract 5.3.0, 300 dpi cells, Leptonica clean-up: var-04 74/78, var-11 170/180); the
    /// heavy scans have floors in HeavyScanTests.
    static let lightScanFloors: [String: Double] = ["var-04": 0.948, "var-11": 0.94]

    @Test func lightScans() throws {
        ScanCorpus.warnIfThreadLimitUnset()
        for (stem, floor) in Self.lightScanFloors.sorted(by: { $0.key < $1.key }) {
            let comparison = try measure(stem, "scan.pdf")
            print("field accuracy \(stem).scan.pdf: \(comparison.matched)/\(comparison.fields) (floor \(floor))")
            #expect(comparison.accuracy >= floor, "\(stem).scan.pdf: \(comparison.mismatches.prefix(10).joined(separator: "\n"))")
        }
    }
}
