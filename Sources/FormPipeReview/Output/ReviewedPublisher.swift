import Foundation
import FormPipeCore
import FormPipeEmit

/// Publishes a converted document's folder with its review files: what the converter calls in
/// place of `OutputFolderPublisher.publish`.
///
/// The converter hands over the document as it holds it in memory (records, repair log lines,
/// manifest); every file of the folder is written once, here. Before publishing it:
/// - re-applies the decisions of the folder's existing `review.json` when the new input has the
///   same sha256 — so reviewers' corrections survive a reconversion — and otherwise keeps the old
///   ledger as `review-superseded.json` rather than dropping it;
/// - makes the crops around repaired cells when the input is a PDF: drawn from the text layer on
///   born-digital pages, cut from a render on scanned ones;
/// - adds `review.html`; and after publishing refreshes `OUTBOX/index.html` when asked.
///
/// The outbox's review lock is held only to swap the folder in (and refresh the index): the
/// files are rendered before it is taken, from the ledger the folder had then, and rendered
/// again under the lock only if a reviewer changed that ledger meanwhile.
public struct ReviewedPublisher: Sendable {
    public let outputRoot: URL

    public init(outputRoot: URL) {
        self.outputRoot = outputRoot
    }

    /// The converted input, for matching earlier decisions and for rendering crops.
    public struct Source: Sendable {
        public var file: URL
        public var kind: InputKind
        public var sha256: String
        /// The born-digital pages of a PDF by page number: their crops are drawn, not rendered.
        public var sketches: [Int: PageSketch]

        public init(file: URL, kind: InputKind, sha256: String, sketches: [Int: PageSketch] = [:]) {
            self.file = file
            self.kind = kind
            self.sha256 = sha256
            self.sketches = sketches
        }
    }

    /// Publishes `document` as the folder `document.name`, with its review files.
    @discardableResult
    public func publish(_ document: ReviewDocument, source: Source, refreshIndex: Bool = true) throws -> URL {
        var document = document
        if source.kind == .pdf {
            var crops = TextLayerCropDrawer.crops(for: document.log, sketches: source.sketches)
            crops.merge(
                ScanCropRenderer.crops(for: document.log, pdf: source.file, skippedPages: Set(source.sketches.keys)))
            document.crops = crops
        }
        let folder = outputRoot.appendingPathComponent(document.name, isDirectory: true)
        let seen = EarlierLedger(folder: folder)
        var files = try seen.carriedOver(into: document, sha256: source.sha256).outputFiles(outbox: outputRoot.path)

        let lock = try OutboxLock(outbox: outputRoot)
        defer { lock.release() }
        let current = EarlierLedger(folder: folder)
        if current != seen {
            files = try current.carriedOver(into: document, sha256: source.sha256).outputFiles(outbox: outputRoot.path)
        }
        let url = try OutputFolderPublisher(outputRoot: outputRoot).publish(name: document.name, files: files)
        if refreshIndex { _ = try? ReviewIndexWriter.refreshHoldingLock(outbox: outputRoot) }
        return url
    }

    /// Publishes files made elsewhere (a converter that wrote no JSON records): with their review
    /// files when they can be read as a document, as they are otherwise.
    @discardableResult
    public func publish(name: String, files: [(String, Data)], source: Source, refreshIndex: Bool = true) throws -> URL {
        if let document = try? ReviewDocument(name: name, files: files) {
            return try publish(document, source: source, refreshIndex: refreshIndex)
        }
        let lock = try OutboxLock(outbox: outputRoot)
        defer { lock.release() }
        let url = try OutputFolderPublisher(outputRoot: outputRoot).publish(name: name, files: files)
        if refreshIndex { _ = try? ReviewIndexWriter.refreshHoldingLock(outbox: outputRoot) }
        return url
    }
}

/// The review ledgers a document folder holds before it is published again: `review.json` and
/// `review-superseded.json`, as bytes, so two readings can be compared.
private struct EarlierLedger: Equatable {
    var ledger: Data?
    var superseded: Data?

    init(folder: URL) {
        ledger = FileManager.default.contents(atPath: folder.appendingPathComponent(ReviewLedger.fileName).path)
        superseded = FileManager.default.contents(
            atPath: folder.appendingPathComponent(ReviewLedger.supersededFileName).path)
    }

    /// Decisions made on this very input are applied again; a ledger for other bytes under the
    /// same name (the file was replaced) is kept aside, as is one that cannot be read.
    func carriedOver(into document: ReviewDocument, sha256: String) -> ReviewDocument {
        var document = document
        if let superseded {
            document.otherFiles[ReviewLedger.supersededFileName] = superseded
        }
        guard let ledger else { return document }
        if let earlier = try? ReviewLedger.parse(ledger), earlier.sha256 == sha256 {
            document.reapply(earlier)
        } else {
            document.otherFiles[ReviewLedger.supersededFileName] = ledger
        }
        return document
    }
}
