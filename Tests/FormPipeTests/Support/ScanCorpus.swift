import Foundation

@testable import FormPipe

/// The corpus scans through the whole extractor, OCR included, each file once per test run.
enum ScanCorpus {
    /// The two scanned renditions: image only, and with a scanner's OCR text layer.
    enum Kind: String, CaseIterable, Sendable {
        case imageOnly = "scan"
        case textLayer = "ocr"
    }

    static func name(_ stem: String, _ kind: Kind) -> String { "\(stem).\(kind.rawValue).pdf" }

    static func extraction(_ stem: String, _ kind: Kind) throws -> PDFExtraction {
        let name = name(stem, kind)
        return try ExtractionCache.shared.value(for: "ocr:" + name) {
            try PDFExtractor().extractWithLayouts(file: PDFCorpus.url(name), displayName: name)
        }
    }

    /// The file's records as the JSON the pipeline writes, parsed back, by 1-based form number.
    static func records(_ stem: String, _ kind: Kind) throws -> [Int: Any] {
        let forms = DocumentConverter().convert(try extraction(stem, kind).document).forms
        var records: [Int: Any] = [:]
        for (index, form) in forms.enumerated() {
            records[index + 1] = try JSONSerialization.jsonObject(with: Data(form.json.pretty().utf8))
        }
        return records
    }

    /// Tesseract is ~5× slower without it; the test process cannot set it for itself (libgomp
    /// reads it at load time), `scripts/test.sh` exports it.
    static func warnIfThreadLimitUnset() {
        if ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == nil {
            print("warning: OMP_THREAD_LIMIT is not set; the OCR suites run several times slower (use scripts/test.sh)")
        }
    }
}
