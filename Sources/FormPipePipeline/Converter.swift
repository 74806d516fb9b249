import Foundation
import FormPipeCore
import FormPipeExtract
import FormPipeLayout
import FormPipeRecord
import FormPipeEmit
import FormPipeIntake
import FormPipeReview

public struct ConversionOptions: Sendable {
    public var formats: Set<OutputFormat>
    /// Write `debug/` with the words, rulings and cells of every page.
    public var debugDump: Bool
    /// Files larger than this are refused before any parsing.
    public var maxFileBytes: Int
    /// Rewrite `OUTBOX/index.html` after each file. Batches (`convert`, the daemon's workers)
    /// convert with it off and refresh once when they pause: the index lists every document, so
    /// refreshing it per file would make a backlog quadratic. A worker given it off
    /// (`--no-review-index`, `convert`'s workers) leaves the index to its parent entirely.
    public var refreshReviewIndex: Bool = true
    /// Tesseract languages for pages without a usable text layer (`ocrLanguages` in pipeline.json).
    public var ocrLanguages: String = "chi_sim+eng"
    /// The recognizer of those pages (`ocrEngine` in pipeline.json).
    public var ocrEngine: OCREngineKind = .tesseract

    public init(formats: Set<OutputFormat> = [.json, .xml], debugDump: Bool = false, maxFileBytes: Int = 200 << 20) {
        self.formats = formats
        self.debugDump = debugDump
        self.maxFileBytes = maxFileBytes
    }
}

/// What one successful conversion produced; also the worker → daemon reply.
public struct ConversionSummary: Sendable, Codable {
    public var file: String
    public var outputFolder: String
    public var inputKind: InputKind
    public var pages: Int
    public var forms: Int
    public var repairs: Int
    public var findings: Int
    /// Tables in the table record (`tables.json`).
    public var tables: Int
    public var sha256: String
    public var milliseconds: Double

    /// The file held tables but no form formpipe knows: its output is the table record only.
    public var isUnrecognized: Bool { forms == 0 }
}

/// Runs the pipeline for one file: intake → extract → layout → repair → record → emit.
public struct Converter: Sendable {
    public var options: ConversionOptions

    public init(options: ConversionOptions = ConversionOptions()) {
        self.options = options
    }

    /// Converts `file` and publishes `outputRoot/NAME/` atomically. NAME is `output`'s folder when
    /// the caller reserved one (the daemon, `convert --jobs`); otherwise it is reserved here for the
    /// file's absolute path (``OutputFolderReservations``). On error nothing is left in `outputRoot`
    /// and a name reserved here is given back.
    public func convert(
        file: URL, displayName: String? = nil, into outputRoot: URL, output: OutputFolderReservations.Claim? = nil
    ) throws(ConversionError) -> ConversionSummary {
        let name = displayName ?? file.lastPathComponent
        var clock = StageClock()

        let source = try SourceFile.read(file, displayName: name, maxBytes: options.maxFileBytes)
        clock.lap("intake")
        if let output { return try convert(source, file: file, output: output, into: outputRoot, clock: clock) }

        let reservations = OutputFolderReservations(outputRoot: outputRoot)
        let identity = OutputFolderReservations.identity(ofPath: file)
        let claim: OutputFolderReservations.Claim
        do {
            claim = try reservations.reserve(source: name, identity: identity)
        } catch {
            throw ConversionError(.outputFailed, file: name, stage: .emit, "cannot reserve an output folder: \(error)", transient: true)
        }
        do {
            return try convert(source, file: file, output: claim, into: outputRoot, clock: clock)
        } catch {
            reservations.release(claim, identity: identity)
            throw error
        }
    }

    private func convert(
        _ source: SourceFile, file: URL, output: OutputFolderReservations.Claim, into outputRoot: URL, clock: StageClock
    ) throws(ConversionError) -> ConversionSummary {
        var clock = clock
        let name = source.displayName
        let (document, debugFiles, sketches) = try extract(source, file: file)
        clock.lap("extract")

        let converted = DocumentConverter().convert(document)
        clock.lap("record")
        // A file with tables but no form is kept as its table record (status `unrecognized`).
        guard !converted.forms.isEmpty || !converted.tables.isEmpty else {
            if let truncated = document.notes[OCRHTMLReader.truncationNote] {
                throw ConversionError(.damaged, file: name, stage: .extract, "no form found in the part read: \(truncated)")
            }
            throw ConversionError(
                .noForm, file: name, stage: .record,
                "no form found: the file has no \(FormRecord.formTypeName) and no table")
        }

        let folderName = output.folder
        let reviewSource = ReviewedPublisher.Source(file: file, kind: source.kind, sha256: source.sha256, sketches: sketches)
        do {
            // Review (issue 5) takes the document from memory: re-applies kept decisions, adds
            // review.html and crops, writes every file once; refreshes index.html when asked.
            let publisher = ReviewedPublisher(outputRoot: outputRoot)
            if let reviewed = try reviewDocument(
                for: converted, source: source, sourceName: output.source, document: document, folder: folderName,
                debugFiles: debugFiles, clock: &clock)
            {
                try publisher.publish(reviewed, source: reviewSource, refreshIndex: options.refreshReviewIndex)
            } else {
                let files =
                    try emitFiles(
                        for: converted, source: source, sourceName: output.source, document: document, clock: &clock)
                    + debugFiles
                try publisher.publish(
                    name: folderName, files: files, source: reviewSource, refreshIndex: options.refreshReviewIndex)
            }
        } catch let error as ConversionError {
            throw error
        } catch {
            throw ConversionError(
                .outputFailed, file: name, stage: .emit,
                "cannot write the output folder in \(outputRoot.path): \(error.localizedDescription)",
                transient: true)
        }
        return ConversionSummary(
            file: name, outputFolder: outputRoot.appendingPathComponent(folderName).path, inputKind: source.kind,
            pages: document.pageCount, forms: converted.forms.count, repairs: converted.repairs.count,
            findings: converted.findings.count, tables: converted.tables.tables.count, sha256: source.sha256,
            milliseconds: clock.total)
    }

    /// The document; with `--debug` the per-page dumps (words, rulings, cells) for `debug/`; and
    /// for a PDF the sketches of its born-digital pages, which its review crops are drawn from.
    private func extract(_ source: SourceFile, file: URL) throws(ConversionError)
        -> (ExtractedDocument, [(String, Data)], [Int: PageSketch])
    {
        let displayName = source.displayName
        if source.kind == .pdf {
            let extraction = try pdfExtractor.extractWithLayouts(file: file, displayName: displayName)
            let sketches = PageSketch.drawable(from: extraction.pages)
            guard options.debugDump else { return (extraction.document, [], sketches) }
            let pages = extraction.pages.enumerated().map { index, page in
                (String(format: "debug/page-%02d.txt", index + 1), Data(page.debugDescription.utf8))
            }
            return (extraction.document, pages, sketches)
        }
        // OCR text and HTML from the bytes intake read, not from the disk a second time.
        let bytes = source.bytes ?? Data()
        let document =
            source.kind == .ocrHTML
            ? try OCRHTMLReader().read(bytes, displayName: displayName)
            : try OCRTextReader().read(bytes, displayName: displayName)
        guard options.debugDump else { return (document, [], [:]) }
        let blocks = document.blocks.map { block -> String in
            switch block {
            case .text(let line): "text  \(line.text)"
            case .tableBreak(let page): "----- table break (page \(page.map(String.init) ?? "-"))"
            case .row(let row): "row   " + row.cells.map { "[\($0.column)+\($0.columnSpan)] \($0.text.debugDescription)" }.joined(separator: " | ")
            }
        }
        return (document, [("debug/blocks.txt", Data((blocks.joined(separator: "\n") + "\n").utf8))], [:])
    }

    private var pdfExtractor: PDFExtractor {
        var extractor = PDFExtractor()
        extractor.ocr?.languages = options.ocrLanguages
        extractor.ocr?.engine = options.ocrEngine
        return extractor
    }

    /// The document as review takes it, built from what conversion holds in memory; nil when the
    /// records are not written as JSON (review reads a folder's records from their JSON, so such a
    /// folder is published without review files, by `emitFiles`).
    private func reviewDocument(
        for converted: DocumentConverter.Output, source: SourceFile, sourceName: String, document: ExtractedDocument,
        folder: String, debugFiles: [(String, Data)], clock: inout StageClock
    ) throws(ConversionError) -> ReviewDocument? {
        guard options.formats.contains(.json) || converted.forms.isEmpty else { return nil }
        var otherFiles: [String: Data] = [:]
        for (path, data) in try tableFiles(for: converted.tables, source: source) + debugFiles {
            otherFiles[path] = data
        }
        let log: RepairLogFile
        do {
            log = try RepairLogFile(lines: converted.repairLogEntries(), name: OutputFileName.repairLog)
        } catch {
            throw ConversionError(.outputFailed, file: source.displayName, stage: .emit, "\(error)", transient: true)
        }
        clock.lap("emit")
        // `outputs` is listed again by review from the files it writes.
        let manifest = Manifest(
            sourceName: sourceName, size: source.size, sha256: source.sha256, document: document,
            forms: converted.forms.count, repairs: converted.repairs.count, findings: converted.findings.count,
            tables: converted.tables.tables.count, timings: clock.laps, outputs: [])
        return ReviewDocument(
            name: folder, manifest: manifest.json, records: converted.forms, log: log,
            hasXML: options.formats.contains(.xml), otherFiles: otherFiles)
    }

    private func emitFiles(
        for converted: DocumentConverter.Output, source: SourceFile, sourceName: String, document: ExtractedDocument,
        clock: inout StageClock
    ) throws(ConversionError) -> [(String, Data)] {
        var files: [(String, Data)] = []
        for (index, record) in converted.forms.enumerated() {
            let stem = FormFileName.stem(form: index + 1)
            if options.formats.contains(.json) {
                files.append(("\(stem).json", Data(record.json.pretty().utf8)))
            }
            if options.formats.contains(.xml) {
                do {
                    files.append(("\(stem).xml", try RecordXMLWriter.xml(for: record)))
                } catch {
                    throw ConversionError(.outputFailed, file: source.displayName, stage: .emit, "\(error)", transient: true)
                }
            }
        }
        files += try tableFiles(for: converted.tables, source: source)
        files.append((OutputFileName.repairLog, Data(converted.repairLogLines().utf8)))
        clock.lap("emit")
        let manifest = Manifest(
            sourceName: sourceName, size: source.size, sha256: source.sha256, document: document,
            forms: converted.forms.count, repairs: converted.repairs.count, findings: converted.findings.count,
            tables: converted.tables.tables.count, timings: clock.laps, outputs: files.map(\.0) + [OutputFileName.manifest])
        files.append((OutputFileName.manifest, Data(manifest.json.pretty().utf8)))
        return files
    }
}
