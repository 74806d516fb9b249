#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import FormPipeConfig
import FormPipeEmit

/// Documents published to the outbox but not yet written to the database: `work/sink/queue/`.
///
/// An entry is a small file naming an output folder, written (and fsynced) after the folder is
/// published and before the input is recorded as converted, so no crash can leave a converted
/// document that the database never receives. Entries are never edited: a new decision on the
/// same document adds a new entry, and a delivery removes exactly the entries it listed before it
/// read the folder — an entry added meanwhile stays for the next round. Several daemons sharing
/// one `work/` may deliver the same entry twice; the database replaces a document's rows, so that
/// costs a round trip, never a duplicate.
///
/// Entries the database refuses (bad data, not an outage) move to `work/sink/rejected/` with the
/// reason beside them, so one bad document cannot block the queue.
public struct SinkQueue: Sendable {
    public let directory: URL

    public init(work: URL) {
        directory = work.appendingPathComponent("sink", isDirectory: true)
    }

    var queue: URL { directory.appendingPathComponent("queue", isDirectory: true) }
    var rejected: URL { directory.appendingPathComponent("rejected", isDirectory: true) }

    /// One queued delivery: the folder `folder` of the outbox `outbox`.
    public struct Entry: Sendable, Hashable, Codable {
        public var outbox: String
        public var folder: String
        /// The entry's own file name in the queue.
        public var id: String
        public var enqueuedAt: Date
    }

    /// Queues `folder` of `outbox` for delivery, durably.
    public func enqueue(folder: String, outbox: URL) throws {
        try FileManager.default.createDirectory(at: queue, withIntermediateDirectories: true)
        var clock = timespec()
        clock_gettime(CLOCK_REALTIME, &clock)
        // Sorts by time; pid and a random part keep names of processes on several hosts apart.
        let id = String(format: "%011ld.%09ld-%d-%08x", clock.tv_sec, clock.tv_nsec, getpid(), UInt32.random(in: 0...UInt32.max))
        let entry = Entry(outbox: outbox.standardizedFileURL.path, folder: folder, id: id, enqueuedAt: Date())
        let data = try Self.encoder.encode(entry)
        let temporary = queue.appendingPathComponent(".\(id).tmp")
        try OutputFolderPublisher.writeDurably(data, to: temporary)
        try FileManager.default.moveItem(at: temporary, to: queue.appendingPathComponent(id))
        OutputFolderPublisher.syncDirectory(queue)
    }

    /// The queued entries, oldest first. Unreadable entries (a crash while one was written is
    /// excluded by the rename, so these are foreign files) are left alone.
    public func entries() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: queue.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
            guard let data = try? Data(contentsOf: queue.appendingPathComponent(name)),
                  var entry = try? Self.decoder.decode(Entry.self, from: data) else { return nil }
            entry.id = name
            return entry
        }
    }

    /// How many deliveries wait, and since when.
    public func backlog() -> (count: Int, oldest: Date?) {
        let all = entries()
        return (all.count, all.first?.enqueuedAt)
    }

    /// Removes delivered entries; one already removed by another daemon is fine.
    public func remove(_ entries: [Entry]) {
        for entry in entries {
            unlink(queue.appendingPathComponent(entry.id).path)
        }
    }

    /// Moves entries the database refused to `rejected/`, with `ID.reason.txt` beside each.
    public func reject(_ entries: [Entry], reason: String) {
        try? FileManager.default.createDirectory(at: rejected, withIntermediateDirectories: true)
        for entry in entries {
            let target = rejected.appendingPathComponent(entry.id)
            try? Data((reason + "\n").utf8).write(to: rejected.appendingPathComponent(entry.id + ".reason.txt"))
            rename(queue.appendingPathComponent(entry.id).path, target.path)
        }
    }

    /// Entries the database refused.
    public func rejectedCount() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rejected.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".reason.txt") }.count
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension PipelineConfig {
    /// The queue of documents waiting for the database, when `postgres` is set.
    public var sinkQueue: SinkQueue? {
        postgres == nil ? nil : SinkQueue(work: work)
    }
}
