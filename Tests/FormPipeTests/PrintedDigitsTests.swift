import Foundation
import Testing

@testable import FormPipeCore

/// The printed-digits contract end to end: the `formpipe` binary converts the corpus, and every
/// number of every gold record is compared as text with the number in the file it wrote —
/// "587.049060" must be written as 587.049060, which a comparison of Doubles cannot tell from
/// 587.04906. Both sides are read with a parser that keeps number literals as printed.
@Suite(.serialized)
struct PrintedDigitsTests {
    /// Converts `files` with the binary into a fresh outbox; returns the outbox.
    private func convert(_ files: [URL]) throws -> URL {
        let outbox = try Fixtures.temporaryFolder("formpipe-digits")
        let result = try ProcessRunner.formpipe(["convert"] + files.map(\.path) + ["--out", outbox.path, "--jobs", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        return outbox
    }

    /// Every number leaf of `value` by its path, as its literal.
    private static func numberLiterals(_ value: JSONValue, path: String = "") -> [String: String] {
        var found: [String: String] = [:]
        switch value {
        case .number(let literal): found[path] = literal
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                found.merge(numberLiterals(element, path: "\(path)[\(index)]")) { $1 }
            }
        case .object(let members):
            for (key, member) in members {
                found.merge(numberLiterals(member, path: path.isEmpty ? key : "\(path).\(key)")) { $1 }
            }
        case .null, .bool, .string: break
        }
        return found
    }

    private static func parse(_ url: URL) throws -> JSONValue {
        try JSONValueParser.parse(String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }

    /// Compares every gold number of `stems` with the record the binary wrote in `outbox`;
    /// returns how many numbers were compared.
    private func compareNumbers(outbox: URL, stems: [String], folder: (String) -> String) throws -> Int {
        var compared = 0
        for stem in stems {
            let goldFolder = Fixtures.gold.appendingPathComponent(stem)
            for name in try FileManager.default.contentsOfDirectory(atPath: goldFolder.path).sorted()
            where name.hasSuffix(".json") {
                let gold = Self.numberLiterals(try Self.parse(goldFolder.appendingPathComponent(name)))
                let record = outbox.appendingPathComponent(folder(stem)).appendingPathComponent("form-\(name)")
                let written = Self.numberLiterals(try Self.parse(record))
                for (path, literal) in gold.sorted(by: { $0.key < $1.key }) {
                    #expect(written[path] == literal, "\(record.path) \(path): gold \(literal), written \(written[path] ?? "none")")
                    compared += 1
                }
            }
        }
        return compared
    }

    @Test(arguments: ["pdf", "txt", "html"])
    func everyGoldNumberIsWrittenWithItsPrintedDigits(rendition: String) throws {
        let outbox = try convert(Fixtures.stems.map { Fixtures.corpus.appendingPathComponent("\($0).\(rendition)") })
        defer { try? FileManager.default.removeItem(at: outbox) }
        let compared = try compareNumbers(outbox: outbox, stems: Fixtures.stems) { $0 }
        #expect(compared > 300, "the gold of dev-01…08 holds over 300 numbers; compared \(compared)")
    }

    /// The seed prints "587.0490 60" (a number its OCR broke in two): the record holds the
    /// literal 587.049060, trailing zero and all, in the JSON text itself.
    @Test func theSeedKeepsTheTrailingZeroOf587_049060() throws {
        let outbox = try convert([Fixtures.seed])
        defer { try? FileManager.default.removeItem(at: outbox) }
        let folder = outbox.appendingPathComponent(Fixtures.seed.deletingPathExtension().lastPathComponent)
        let records = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasPrefix("form-") && $0.hasSuffix(".json")
        }
        let texts = try records.map { String(decoding: try Data(contentsOf: folder.appendingPathComponent($0)), as: UTF8.self) }
        #expect(texts.contains { $0.contains("\"initialBudget\": 587.049060,") })
        #expect(!texts.contains { $0.contains("587.04906,") })
        let compared = try compareNumbers(outbox: outbox, stems: ["seed"]) { _ in folder.lastPathComponent }
        #expect(compared > 0)
    }
}
