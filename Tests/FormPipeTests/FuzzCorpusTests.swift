import Foundation
import Testing
@testable import FormPipeExtract
import FormPipeFuzzing
import FormPipePipeline

/// Replays the fuzz targets' kept inputs (`Tests/Fuzz/TARGET/seeds` and every crasher the fuzzer
/// found, after its fix) through the same entry points `scripts/fuzz.sh` fuzzes: a crasher that
/// comes back traps here, in the normal test run, without the sanitizers.
@Suite
struct FuzzCorpusTests {
    static let root = FormPipeBinary.packageRoot.appendingPathComponent("Tests/Fuzz")

    static func inputs(_ target: FuzzTarget, _ kind: String) -> [URL] {
        let folder = root.appendingPathComponent("\(target.rawValue)/\(kind)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func keptInputsRunWithoutCrashing(_ target: FuzzTarget) throws {
        let seeds = Self.inputs(target, "seeds")
        #expect(seeds.count >= 5, "\(target.rawValue) has only \(seeds.count) seeds")
        for file in seeds + Self.inputs(target, "crashers") {
            target.run(try Data(contentsOf: file))
        }
    }

    /// Seeds are worth fuzzing from only if they reach the record stage: every OCR text and HTML
    /// seed holds a form.
    @Test(arguments: [FuzzTarget.ocrText, .html])
    func documentSeedsHoldAForm(_ target: FuzzTarget) throws {
        for file in Self.inputs(target, "seeds") {
            let data = try Data(contentsOf: file)
            let document =
                target == .html
                ? try OCRHTMLReader().read(data, displayName: file.lastPathComponent)
                : try OCRTextReader().read(data, displayName: file.lastPathComponent)
            #expect(!DocumentConverter().convert(document).forms.isEmpty, "\(file.lastPathComponent) holds no form")
        }
    }
}
