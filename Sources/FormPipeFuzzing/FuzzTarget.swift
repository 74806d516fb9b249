import Foundation
import FormPipeExtract
import FormPipeConfig

/// The parsers that take bytes from outside, each as one entry point for a fuzzer: the libFuzzer
/// executable (`Sources/formpipe-fuzz`, built by `scripts/fuzz.sh`) calls `run` once per input,
/// and the test suite replays the kept seeds and crashers (`Tests/Fuzz/TARGET/`) through the
/// same function.
///
/// `run` must return for every input: a thrown (typed) error is a correct answer to bad input,
/// a trap, a sanitizer report or a hang is a bug. Besides not crashing, the targets check
/// invariants that need no oracle — what formpipe writes, it can read back.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `.txt` OCR text: reader, then the record stage with every repair rule.
    case ocrText = "ocr-text"
    /// `.html` OCR HTML through libxml2 and the block walker, then the record stage.
    case html
    /// The JSON parser review reads `form-NN.json`, `repairs.jsonl` and `review.json` with.
    case reviewJSON = "review-json"
    /// `pipeline.json`: JSON, keys, types, ranges, folder checks.
    case config
    /// The cell-text repair rules on one raw value of each field kind, and the row rules on
    /// fuzzed rows under a fixed form header (so the record stage always engages).
    case repair

    /// Inputs larger than this are ignored: the readers' cost is at least linear, and libFuzzer
    /// finds the same bugs with short inputs.
    public static let maximumInputBytes = 64 << 10

    public func run(_ bytes: Data) {
        guard bytes.count <= Self.maximumInputBytes else { return }
        switch self {
        case .ocrText:
            guard let document = try? OCRTextReader().read(bytes, displayName: "fuzz.txt") else { return }
            Self.convertAndReadBack(document)
        case .html:
            guard let document = try? OCRHTMLReader().read(bytes, displayName: "fuzz.html") else { return }
            Self.convertAndReadBack(document)
        case .reviewJSON:
            Self.parseJSON(bytes)
        case .config:
            _ = try? PipelineConfig.parse(bytes, file: URL(fileURLWithPath: "/nonexistent/formpipe-fuzz/pipeline.json"))
        case .repair:
            Self.repair(String(decoding: bytes, as: UTF8.self))
        }
    }
}
