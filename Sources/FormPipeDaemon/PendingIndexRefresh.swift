import Foundation
import FormPipeReview

/// When a worker rewrites `OUTBOX/index.html`. The index lists every document, so rewriting it
/// after each file makes a backlog quadratic; instead a worker refreshes at most every
/// `interval` while files keep coming, and as soon as it has been idle for a moment, so the index
/// is never more than a couple of seconds behind the outbox.
struct PendingIndexRefresh {
    var interval: TimeInterval = 2
    var idleWaitMilliseconds: Int32 = 1500
    private var outboxes: Set<URL> = []
    private var lastRefresh = Date.distantPast

    mutating func mark(_ outbox: URL) {
        outboxes.insert(outbox)
    }

    /// Refreshes when the interval has passed, or when no request arrives within the idle wait.
    mutating func refreshIfDue(requestWaiting: (Int32) -> Bool) {
        guard !outboxes.isEmpty else { return }
        if Date().timeIntervalSince(lastRefresh) >= interval || !requestWaiting(idleWaitMilliseconds) {
            refreshNow()
        }
    }

    mutating func refreshNow() {
        for outbox in outboxes { _ = try? ReviewIndexWriter.refresh(outbox: outbox) }
        outboxes.removeAll()
        lastRefresh = Date()
    }
}
