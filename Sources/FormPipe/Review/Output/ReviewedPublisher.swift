import Foundation

/// Publishes a converted document's folder with its review files: what the converter calls in
/// place of `OutputFolderPublisher.publish`.
///
/// Before publishing it (under the outbox's review lock):
/// - re-applies the decisions of the folder's existing `review.json` when the new input has the
///   same sha256 — so reviewers' corrections survive a reconversion — and otherwise keeps the old
///   ledger as `review-superseded.json` rather than dropping it;
/// - makes the crops around repaired cells when the input is a PDF: drawn from the text layer on
///   born-digital pages, cut from a render on scanned ones;
/// - adds `review.html`; and after publishing refreshes `OUTBOX/index.html`.
///
/// Review must never cost a conversion: if any review step fails, the converter's files are
/// published as they are.
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

    @discardableResult
    public func publish(name: String, files: [(String, Data)], source: Source, refreshIndex: Bool = true) throws -> URL {
        // Reading the files back and rendering crops need no lock: other workers publish meanwhile.
        var document = try? ReviewDocument(name: name, files: files)
        if source.kind == .pdf, let log = document?.log {
            var crops = TextLayerCropDrawer.crops(for: log, sketches: source.sketches)
            crops.merge(ScanCropRenderer.crops(for: log, pdf: source.file, skippedPages: Set(source.sketches.keys)))
            document?.crops = crops
        }
        let lock = try OutboxLock(outbox: outputRoot)
        defer { lock.release() }
        var published = files
        if var document {
            carryOverLedger(
                from: outputRoot.appendingPathComponent(name, isDirectory: true), into: &document, sha256: source.sha256
            )
            published = (try? document.outputFiles(outbox: outputRoot.path)) ?? files
        }
        let url = try OutputFolderPublisher(outputRoot: outputRoot).publish(name: name, files: published)
        if refreshIndex { _ = try? ReviewIndexWriter.refreshHoldingLock(outbox: outputRoot) }
        return url
    }

    /// Decisions made on this very input are applied again; a ledger for other bytes under the
    /// same name (the file was replaced) is kept aside, as is one that cannot be read.
    private func carryOverLedger(from folder: URL, into document: inout ReviewDocument, sha256: String) {
        let superseded = folder.appendingPathComponent(ReviewLedger.supersededFileName)
        if let data = FileManager.default.contents(atPath: superseded.path) {
            document.otherFiles[ReviewLedger.supersededFileName] = data
        }
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(ReviewLedger.fileName).path)
        else { return }
        if let earlier = try? ReviewLedger.parse(data), earlier.sha256 == sha256 {
            document.reapply(earlier)
        } else {
            document.otherFiles[ReviewLedger.supersededFileName] = data
        }
    }
}
