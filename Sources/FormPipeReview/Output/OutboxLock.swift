import Foundation
import FormPipeRecord

/// An exclusive `flock` on `OUTBOX/.formpipe-review.lock`, held while a document folder is read,
/// changed and published again.
///
/// Without it a reviewer's `--set` and the daemon's reconversion of the same file could each read
/// the folder, and the second to publish would silently drop the first one's change. The lock is
/// advisory and per outbox; every writer of review data (the CLI and `ReviewedPublisher`) takes it.
struct OutboxLock {
    static let fileName = ".formpipe-review.lock"

    private let descriptor: Int32

    /// Waits until no other process holds the outbox's lock, then holds it until `release()`.
    init(outbox: URL) throws(ReviewError) {
        let path = outbox.appendingPathComponent(Self.fileName).path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ReviewError(.writeFailed, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw ReviewError(.writeFailed, "cannot lock \(path): \(reason)")
            }
        }
        self.descriptor = descriptor
    }

    /// Closing the descriptor drops the lock. Call it exactly once, from a `defer`.
    func release() {
        close(descriptor)
    }
}
