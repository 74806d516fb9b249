import Foundation
import Testing
@testable import FormPipeExtract
@testable import FormPipeRecord
@testable import FormPipePipeline

/// Damaged inputs of every shape the record stage can meet must convert or fail cleanly, never
/// crash: cells deleted, duplicated and shuffled, lines cut, tabs and numbers scattered.
struct MutatedInputTests {
    /// A small deterministic generator, so a failure can be replayed from its seed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private func mutate(_ text: String, seed: UInt64) -> String {
        var random = SplitMix64(state: seed)
        var lines = text.components(separatedBy: "\n")
        for _ in 0..<12 {
            guard !lines.isEmpty else { break }
            let index = Int.random(in: 0..<lines.count, using: &random)
            var cells = lines[index].components(separatedBy: "\t")
            switch Int.random(in: 0..<7, using: &random) {
            case 0: lines.remove(at: index); continue
            case 1: lines.insert(lines[index], at: index); continue
            case 5: lines[index] = String(lines[index].prefix(Int.random(in: 0...lines[index].count, using: &random))); continue
            case 2: cells.shuffle(using: &random)
            case 3: cells.remove(at: Int.random(in: 0..<cells.count, using: &random))
            case 4:
                let junk = ["", "—", "100%", "指标", "产出指标", "<p>", "1 2", "总分"].randomElement(using: &random)!
                cells.insert(junk, at: Int.random(in: 0...cells.count, using: &random))
            default: cells = cells.map { String($0.shuffled(using: &random)) }
            }
            lines[index] = cells.joined(separator: "\t")
        }
        return lines.joined(separator: "\n")
    }

    @Test(arguments: 0..<40)
    func mutatedOCRTextNeverCrashes(seed: Int) throws {
        let stem = Fixtures.stems[seed % Fixtures.stems.count]
        let text = try String(contentsOf: Fixtures.corpus.appendingPathComponent("\(stem).txt"), encoding: .utf8)
        let output = DocumentConverter().convert(OCRTextReader().read(mutate(text, seed: UInt64(seed))))
        for record in output.forms {
            #expect(Array(record.funds.prefix(4).map(\.item)) == FundsRow.items)
            #expect(record.formType == FormRecord.formTypeName)
        }
    }

    @Test(arguments: [
        "", "\t\t\t", "项目支出绩效自评表", "项目名称\t", "总分\t100\t99", "项目名称\t甲\n绩效指标\t一级指标\n\t\t\t\t\t\t\t\t",
        String(repeating: "\t", count: 10_000), String(repeating: "指标 1: ", count: 2_000),
    ])
    func degenerateTextNeverCrashes(text: String) {
        _ = DocumentConverter().convert(OCRTextReader().read(text))
    }
}
