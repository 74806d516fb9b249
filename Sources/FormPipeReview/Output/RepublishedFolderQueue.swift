import Foundation

/// Where `DocumentReviewer` hands a folder it published again: the sink queue. A protocol because
/// the sinks sit above review (a sink reads the folder's ledger), so review cannot name the queue.
public protocol RepublishedFolderQueue: Sendable {
    func enqueue(folder: String, outbox: URL) throws
}
