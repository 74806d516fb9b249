import Foundation

/// Writes `OUTBOX/index.html` from the document folders in the outbox.
///
/// The daemon calls `refresh(outbox:)` after each document is published (the converter's
/// `ReviewedPublisher` already does, under the outbox's review lock); `formpipe review` calls it
/// after every decision. The page is written to a temporary file and renamed over the old one,
/// so a browser never reads half a page.
public enum ReviewIndexWriter {
    public static let fileName = "index.html"

    /// Rewrites the index; returns its URL. Folders that cannot be read are listed on the page,
    /// not thrown, so one damaged folder does not hide the others.
    @discardableResult
    public static func refresh(outbox: URL) throws -> URL {
        let (summaries, problems) = DocumentSummary.all(in: outbox)
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
            guard rename(temporary.path, target.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
