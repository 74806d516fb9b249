import Foundation

@testable import FormPipeExtract
@testable import FormPipePipeline

/// The corpus scans through the whole extractor, OCR included, each file once per test run.
enum ScanCorpus {
    /// The two scanned renditions: image only, and with a scanner's OCR text layer.
    enum Kind: String, CaseIterable, Sendable {
        case imageOnly = "scan"
        case textLayer = "ocr"
    }

    static func name(_ stem: String, _ kind: Kind) -> String { "\(stem).\(kind.rawValue).pdf" }

    /// The files each kind is tested on. Image-only: all eight. With a text layer: the same page
    /// images under a scanner's layer, which is read again by default, so four files that cover
    /// what varies (a two-page form, three forms in a row, a 150 dpi scan, a light 300 dpi scan)
    /// keep the suite's OCR time near three minutes on two cores.
    static func stems(_ kind: Kind) -> [String] {
        switch kind {
        case .imageOnly: PDFCorpus.stems
        case .textLayer: ["dev-01", "dev-04", "dev-05", "dev-08"]
        }
    }

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
