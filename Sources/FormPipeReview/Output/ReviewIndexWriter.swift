import Foundation
import FormPipeEmit

/// Writes `OUTBOX/index.html` from the document folders in the outbox.
///
/// A single conversion's `ReviewedPublisher` refreshes it after publishing; batches do not
/// (`ConversionOptions.refreshReviewIndex`): `convert` refreshes it once at the end, the daemon's
/// workers when due (`PendingIndexRefresh`), and `formpipe review` after every decision. Summaries of unchanged folders come from `SummaryCache`. The page is written to a
/// temporary file and renamed over the old one, so a browser never reads half a page.
public enum ReviewIndexWriter {
    public static let fileName = "index.html"

    /// Rewrites the index under the outbox's review lock; returns its URL. For callers outside
    /// the review module (the daemon after removing a folder, a maintenance script).
    @discardableResult
    public static func refresh(outbox: URL) throws -> URL {
        let lock = try OutboxLock(outbox: outbox)
        defer { lock.release() }
        return try refreshHoldingLock(outbox: outbox)
    }

    /// Rewrites the index; the caller holds the outbox's review lock. Folders that cannot be
    /// read are listed on the page, not thrown, so one damaged folder does not hide the others.
    @discardableResult
    static func refreshHoldingLock(outbox: URL) throws -> URL {
        var cache = SummaryCache(outbox: outbox)
        let (summaries, problems) = DocumentSummary.all(in: outbox, cache: &cache)
        if cache.changed { try? cache.write(to: outbox) }
        let html = ReviewIndexHTML(summaries: summaries, problems: problems).render()
        let target = outbox.appendingPathComponent(fileName)
        try AtomicFile.write(Data(html.utf8), to: target)
        return target
    }
}

/// Replaces one file atomically: write a hidden temporary file beside it, fsync, rename.
enum AtomicFile {
    static func write(_ data: Data, to target: URL) throws {
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try OutputFolderPublisher.writeDurably(data, to: temporary)
            guard rename(temporary.path, target.path) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
