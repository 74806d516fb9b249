import Foundation
import FormPipeRecord
import FormPipeEmit

/// What `formpipe review` does to an outbox: applies reviewers' decisions to a document and
/// publishes its folder again, and keeps the review pages current.
public struct DocumentReviewer: Sendable {
    public let outbox: URL
    /// Where a republished document is queued for the database (`PipelineConfig.sinkQueue`), so
    /// every front end that decides through this type — the CLI, the browser — updates it.
    public let sinkQueue: (any RepublishedFolderQueue)?

    public init(outbox: URL, sinkQueue: (any RepublishedFolderQueue)? = nil) {
        self.outbox = outbox
        self.sinkQueue = sinkQueue
    }

    /// Reads a published document.
    public func load(_ name: String) throws(ReviewError) -> ReviewDocument {
        try ReviewDocument.load(name: name, outbox: outbox)
    }

    /// Applies `requests` in order and republishes the document's folder with all of them.
    /// All or nothing: if any request does not fit the document, it throws and the folder,
    /// `review.json` and the pages are as they were.
    @discardableResult
    public func apply(_ requests: [ReviewRequest], to name: String, by reviewer: Reviewer) throws(ReviewError)
        -> [ReviewDecision]
    {
        try apply(requests, to: name, by: reviewer, expecting: nil).decisions
    }

    /// What `apply` did: the decisions, the document as published, and its new version.
    public struct Outcome: Sendable {
        public var decisions: [ReviewDecision]
        public var document: ReviewDocument
        public var version: DocumentVersion
    }

    /// As `apply(_:to:by:)`, for a front end that showed the document at `expected`: when the
    /// folder holds another version by the time the lock is taken (a second reviewer or a
    /// reconversion got there first), nothing is applied and `.staleDocument` says what changed.
    /// The command line and the browser both come through here, so both write the same files.
    public func apply(
        _ requests: [ReviewRequest], to name: String, by reviewer: Reviewer, expecting expected: DocumentVersion?
    ) throws(ReviewError) -> Outcome {
        let lock = try OutboxLock(outbox: outbox)
        defer { lock.release() }
        let files = try ReviewDocument.readFiles(name: name, outbox: outbox)
        var document = try ReviewDocument(name: name, files: files)
        if let expected, expected != DocumentVersion(files: files) {
            throw Self.stale(document)
        }
        var decisions: [ReviewDecision] = []
        for request in requests {
            decisions.append(try document.decide(request, by: reviewer))
        }
        let published = try publish(document)
        return Outcome(decisions: decisions, document: document, version: DocumentVersion(files: published))
    }

    /// A document and the version of the very bytes it was read from (read under the lock, so
    /// a publication cannot slip in between the two).
    public func loadVersioned(_ name: String) throws(ReviewError) -> (document: ReviewDocument, version: DocumentVersion) {
        let lock = try OutboxLock(outbox: outbox)
        defer { lock.release() }
        let files = try ReviewDocument.readFiles(name: name, outbox: outbox)
        return (try ReviewDocument(name: name, files: files), DocumentVersion(files: files))
    }

    private static func stale(_ current: ReviewDocument) -> ReviewError {
        var what = "it was converted again or changed by another reviewer"
        if let last = current.ledger.decisions.last {
            let target = last.field.map { " \(last.formName ?? ""):\($0)" } ?? ""
            what = "its latest decision is \(last.id) (\(last.action.rawValue)\(target) by \(last.who), \(last.when))"
        }
        return ReviewError(
            .staleDocument,
            "\(current.name) changed on disk since this page loaded it: \(what). "
                + "Your decision was not applied; reload to see the current values, then decide again.")
    }

    /// Writes the folder anew through the publisher (one rename swaps the whole folder, so a
    /// reader sees the old files or the new ones, never a mix), then the index. Returns the files.
    private func publish(_ document: ReviewDocument) throws(ReviewError) -> [(String, Data)] {
        let files = try document.outputFiles(outbox: outbox.path)
        do {
            try OutputFolderPublisher(outputRoot: outbox).publish(name: document.name, files: files)
        } catch {
            throw ReviewError(
                .writeFailed, "cannot write \(outbox.path)/\(document.name): \(error.localizedDescription)")
        }
        // After the folder is published, so the delivery reads the decision. The decision stands
        // if queueing fails (the folder is the source of truth); `formpipe sink --replay` catches up.
        try? sinkQueue?.enqueue(folder: document.name, outbox: outbox)
        _ = try? ReviewIndexWriter.refreshHoldingLock(outbox: outbox)
        return files
    }

    /// Rewrites one document's `review.html` in place (it is derived from the other files, so
    /// replacing it alone keeps the folder consistent) and the index.
    /// Returns the document as it read it, for the caller to show.
    @discardableResult
    public func refreshPage(of name: String) throws(ReviewError) -> ReviewDocument {
        let lock = try OutboxLock(outbox: outbox)
        defer { lock.release() }
        let document = try load(name)
        try writePage(document)
        _ = try? ReviewIndexWriter.refreshHoldingLock(outbox: outbox)
        return document
    }

    /// Writes the pages a folder lacks (converted before review pages existed), then the index.
    /// Returns the folders that could not be read.
    @discardableResult
    public func refreshIndex() -> [ReviewError] {
        let lock: OutboxLock
        do throws(ReviewError) {
            lock = try OutboxLock(outbox: outbox)
        } catch {
            return [error]
        }
        defer { lock.release() }
        var problems: [ReviewError] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? [] where !name.hasPrefix(".")
        {
            let folder = outbox.appendingPathComponent(name)
            guard
                FileManager.default.fileExists(
                    atPath: folder.appendingPathComponent(OutputFileName.manifest).path),
                !FileManager.default.fileExists(atPath: folder.appendingPathComponent(ReviewDocument.pageFileName).path)
            else { continue }
            do throws(ReviewError) {
                try writePage(try load(name))
            } catch {
                problems.append(error)
            }
        }
        do {
            try ReviewIndexWriter.refreshHoldingLock(outbox: outbox)
        } catch {
            problems.append(
                ReviewError(.writeFailed, "cannot write \(outbox.path)/index.html: \(error.localizedDescription)"))
        }
        return problems
    }

    private func writePage(_ document: ReviewDocument) throws(ReviewError) {
        let target = outbox.appendingPathComponent(document.name).appendingPathComponent(ReviewDocument.pageFileName)
        do {
            try AtomicFile.write(Data(document.pageHTML(outbox: outbox.path).utf8), to: target)
        } catch {
            throw ReviewError(.writeFailed, "cannot write \(target.path): \(error.localizedDescription)")
        }
    }
}
