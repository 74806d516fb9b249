import FormPipeRecord
import Foundation
import FormPipeReview

/// The server's one view of the outbox: the queue, read again only where folders changed, and
/// the decisions, made one at a time through `DocumentReviewer.apply` (which also holds the
/// outbox lock, so the daemon and the command line are kept in step too).
actor ReviewStore {
    private var queue: ReviewQueue
    private let reviewer: Reviewer

    init(documents: DocumentReviewer, reviewer: Reviewer) {
        queue = ReviewQueue(reviewer: documents)
        self.reviewer = reviewer
    }

    /// The outbox's state token after reading what changed.
    func refresh() -> String {
        queue.refresh()
    }

    struct Snapshot: Sendable {
        var state: String
        var documents: [DocumentQueue]
        var items: [ReviewQueueItem]
        var rules: [String]
        var problems: [String]
    }

    func snapshot(_ filter: ReviewQueue.Filter) -> Snapshot {
        let state = queue.refresh()
        return Snapshot(
            state: state, documents: queue.documentQueues, items: queue.items(filter), rules: queue.rules,
            problems: queue.problems.values.map(\.message).sorted())
    }

    /// Applies `requests` to `name` if the folder is still at `version`; the document's part of
    /// the queue as published.
    func decide(_ requests: [ReviewRequest], on name: String, expecting version: DocumentVersion)
        throws(ReviewError) -> (decisions: [ReviewDecision], document: DocumentQueue)
    {
        let outcome = try queue.reviewer.apply(requests, to: name, by: reviewer, expecting: version)
        queue.update(outcome.document, version: outcome.version)
        return (outcome.decisions, DocumentQueue(document: outcome.document, version: outcome.version))
    }

    func crops(of name: String) throws(ReviewError) -> ScanCrops {
        try ScanCrops.load(document: name, outbox: queue.reviewer.outbox)
    }
}
