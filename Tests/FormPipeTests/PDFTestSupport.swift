import Foundation

@testable import FormPipeExtract
@testable import FormPipeLayout

/// The corpus copy inside the repository and cached extractions of its PDFs.
enum PDFCorpus {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/corpus")
    static let badFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bad")
    static let stems = (1...8).map { String(format: "dev-%02d", $0) }

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// Extracts `name` once per test run; several suites look at the same files. Extract and
    /// layout only: scanned pages keep empty cells (the OCR suites read them, `ScanCorpus`).
    static func extraction(_ name: String) throws -> PDFExtraction {
        try ExtractionCache.shared.value(for: name) {
            var extractor = PDFExtractor()
            extractor.ocr = nil
            return try extractor.extractWithLayouts(file: url(name), displayName: name)
        }
    }

    /// All table cells of a document, in order.
    static func cells(of document: ExtractedDocument) -> [TableCell] {
        document.blocks.flatMap { block -> [TableCell] in
            if case .row(let row) = block { return row.cells }
            return []
        }
    }

    static func rows(of document: ExtractedDocument) -> [TableRow] {
        document.blocks.compactMap { block in
            if case .row(let row) = block { return row }
            return nil
        }
    }

    /// The gold values of every form of `stem` that a table cell should hold whole: names,
    /// contacts, goals and every indicator's level3, target, actual and deviation, plus the funds
    /// amounts as printed (read from the JSON text, so "587.049060" keeps its trailing zero).
    static func goldCellTexts(_ stem: String) throws -> [(field: String, text: String)] {
        let goldFolder = folder.appendingPathComponent("gold/\(stem)")
        let files = try FileManager.default.contentsOfDirectory(atPath: goldFolder.path).filter {
            $0.hasSuffix(".json")
        }
        .sorted()
        var result: [(String, String)] = []
        for file in files {
            let data = try Data(contentsOf: goldFolder.appendingPathComponent(file))
            guard let record = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            for key in ["projectName", "department", "implementingUnit", "projectLead", "phone"] {
                if let text = record[key] as? String { result.append((key, text)) }
            }
            if let goals = record["goals"] as? [String: Any] {
                for key in ["expected", "actual"] {
                    if let text = goals[key] as? String { result.append(("goals.\(key)", text)) }
                }
            }
            for indicator in record["indicators"] as? [[String: Any]] ?? [] {
                for key in ["level3", "target", "actual", "deviation"] {
                    if let text = indicator[key] as? String { result.append(("indicators.\(key)", text)) }
                }
            }
            let json = String(decoding: data, as: UTF8.self)
            let amount = try Regex(#""(initialBudget|annualBudget|executed)": ([0-9][0-9.]*)"#)
            for match in json.matches(of: amount) {
                if let literal = match.output[2].substring { result.append(("funds", String(literal))) }
            }
        }
        return result
    }

    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }
}

/// Memoizes extractions across tests running in parallel.
///
/// `@unchecked Sendable`: the dictionary is only touched while `lock` is held.
final class ExtractionCache: @unchecked Sendable {
    static let shared = ExtractionCache()
    private let lock = NSLock()
    private var values: [String: PDFExtraction] = [:]

    func value(for key: String, make: () throws -> PDFExtraction) throws -> PDFExtraction {
        lock.lock()
        defer { lock.unlock() }
        if let value = values[key] { return value }
        let value = try make()
        values[key] = value
        return value
    }
}
