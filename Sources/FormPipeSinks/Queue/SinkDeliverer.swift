import Foundation
import Logging
import FormPipeConfig
import FormPipeIntake

/// Empties the ``SinkQueue`` into the database: the daemon runs it beside its loop for as long
/// as it runs; `convert`, `review` and `formpipe sink` run one round.
///
/// The outbox stays the source of truth: delivery only reads published folders, and nothing
/// in the conversion ever waits for the database. While the database is down or slow, entries
/// pile up in the queue and are retried with exponential backoff (1 s doubling to 60 s).
public actor SinkDeliverer {
    // nonisolated: the daemon, in another module, hands it to the file processor.
    public nonisolated let queue: SinkQueue
    public let sink: PostgresSink
    private let logger: Logger
    private var outage: Date?

    public init(queue: SinkQueue, sink: PostgresSink, logger: Logger) {
        self.queue = queue
        self.sink = sink
        self.logger = logger
    }

    /// What one round did.
    public struct Round: Sendable, Equatable {
        public var written = 0
        public var stale = 0
        public var rejected = 0
        public var gone = 0
        /// Entries still queued after the round.
        public var waiting = 0
        /// Why the round stopped early: the database could not be reached.
        public var outage: String?
    }

    /// Documents written per statement when a backlog waits, so the part of the cost that comes
    /// per statement and per transaction (round trip, parse, commit, wake-ups on both sides) is
    /// paid once per batch (each batch one transaction, see ``PostgresSchema/version2BatchLoader``).
    /// A single waiting document is still written on its own at once.
    public static let batchDocuments = 32
    /// A batch also ends once its JSON passes this many bytes, so one statement stays small.
    public static let batchBytes = 4 << 20

    /// Delivers every entry queued now, in batches; stops at the first outage.
    public func deliverQueued() async -> Round {
        var round = Round()
        let queue = queue
        // The queue's and the outbox's files are read off the cooperative pool (one thread per core),
        // which the daemon's loop and its files in flight need meanwhile.
        let entries = (try? await BlockingIO.run { queue.entries() }) ?? []
        // Several entries for one folder (a conversion, then review decisions) are one delivery.
        var groups: [String: [SinkQueue.Entry]] = [:]
        var order: [String] = []
        for entry in entries {
            let key = entry.outbox + "\u{0}" + entry.folder
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        var next = 0
        while next < order.count {
            let (reads, taken) = await Self.readBatch(order[next...].compactMap { groups[$0] })
            next += taken
            var batch: [(bundle: DocumentBundle, group: [SinkQueue.Entry])] = []
            for (group, read) in reads {
                switch read {
                case .success(let bundle): batch.append((bundle, group))
                case .failure(let error): settleUnread(group, error, round: &round)
                }
            }
            if batch.isEmpty { continue }
            do {
                let outcomes = try await sink.write(batch.map(\.bundle))
                for (item, outcome) in zip(batch, outcomes) { delivered(item.bundle, item.group, outcome, round: &round) }
            } catch .rejected(_, let reason) {
                guard batch.count > 1 else {
                    reject(batch[0].group, reason: reason, round: &round)
                    continue
                }
                // One document spoiled the batch: each alone, so only the bad one is set aside.
                for item in batch {
                    do {
                        delivered(item.bundle, item.group, try await sink.write(item.bundle), round: &round)
                    } catch .rejected(_, let reason) {
                        reject(item.group, reason: reason, round: &round)
                    } catch {
                        return stopped(by: error, round: round)
                    }
                }
            } catch {
                return stopped(by: error, round: round)
            }
        }
        return round
    }

    /// Reads the bundles of the first groups of `groups` (each a folder's entries), off the cooperative
    /// pool, until a batch is full (``batchDocuments``, ``batchBytes``). Returns each group read with
    /// its bundle or why it could not be read, and how many groups were taken.
    private typealias GroupRead = (group: [SinkQueue.Entry], bundle: Swift.Result<DocumentBundle, DocumentBundle.ReadError>)

    private static func readBatch(_ groups: [[SinkQueue.Entry]]) async -> (reads: [GroupRead], taken: Int) {
        let read = try? await BlockingIO.run { () -> (reads: [GroupRead], taken: Int) in
            var reads: [GroupRead] = []
            var documents = 0, bytes = 0, taken = 0
            for group in groups {
                guard documents < Self.batchDocuments, bytes < Self.batchBytes else { break }
                taken += 1
                guard let first = group.first else { continue }
                let read = Swift.Result { () throws(DocumentBundle.ReadError) in
                    try DocumentBundle.read(folder: first.folder, outbox: URL(fileURLWithPath: first.outbox))
                }
                if case .success(let bundle) = read {
                    documents += 1
                    bytes += bundle.json.utf8.count
                }
                reads.append((group, read))
            }
            return (reads, taken)
        }
        return read ?? ([], groups.count)
    }

    /// Settles a group whose folder could not be read: gone (replaced under another name or deleted:
    /// what the outbox no longer has is not written) or unusable (set aside).
    private func settleUnread(_ group: [SinkQueue.Entry], _ error: DocumentBundle.ReadError, round: inout Round) {
        guard case .gone = error else {
            reject(group, reason: "\(error)", round: &round)
            return
        }
        logger.warning("not written to the database: the output folder is gone", metadata: [
            LogKey.output: "\(group.first?.folder ?? "")", LogKey.folder: "\(group.first?.outbox ?? "")",
        ])
        queue.remove(group)
        round.gone += 1
    }

    private func delivered(_ bundle: DocumentBundle, _ group: [SinkQueue.Entry], _ outcome: PostgresSink.Outcome,
                           round: inout Round) {
        queue.remove(group)
        if outage != nil { recovered() }
        switch outcome {
        case .loaded:
            round.written += 1
            logger.info("written to the database", metadata: [
                LogKey.output: "\(bundle.folder)", LogKey.forms: "\(bundle.forms)", LogKey.sha256: "\(bundle.sha256.prefix(16))",
            ])
        case .stale:
            round.stale += 1
            logger.debug("the database holds a newer publication", metadata: [LogKey.output: "\(bundle.folder)"])
        }
    }

    /// The round ends at an outage; what was not written stays queued.
    private func stopped(by error: PostgresSinkError, round: Round) -> Round {
        var round = round
        round.outage = error.description
        round.waiting = queue.entries().count
        return round
    }

    /// Delivers until cancelled: a round whenever entries wait (looked for every `poll`), backing
    /// off after an outage.
    public func run(poll: Duration = .milliseconds(200)) async {
        var backoff = Duration.seconds(1)
        while !Task.isCancelled {
            let round = await deliverQueued()
            if let reason = round.outage {
                if outage == nil {
                    outage = Date()
                    logger.warning("database unreachable; converted documents wait in the sink queue", metadata: [
                        LogKey.reason: "\(reason)", LogKey.count: "\(round.waiting)", LogKey.folder: "\(queue.directory.path)",
                    ])
                }
                logger.debug("retrying the database", metadata: ["formpipe.afterSeconds": "\(backoff.components.seconds)"])
                guard (try? await Task.sleep(for: backoff)) != nil else { break }
                backoff = min(backoff * 2, .seconds(60))
                continue
            }
            backoff = .seconds(1)
            guard (try? await Task.sleep(for: poll)) != nil else { break }
        }
        await sink.close()
    }

    private func recovered() {
        guard let since = outage else { return }
        outage = nil
        logger.notice("database reachable again; delivering the sink queue", metadata: [
            "formpipe.outageSeconds": "\(Int(Date().timeIntervalSince(since)))",
        ])
    }

    private func reject(_ group: [SinkQueue.Entry], reason: String, round: inout Round) {
        queue.reject(group, reason: reason)
        round.rejected += 1
        logger.error("not written to the database", metadata: [
            LogKey.output: "\(group.first?.folder ?? "")", LogKey.reason: "\(reason)",
            LogKey.folder: "\(queue.rejected.path)",
        ])
    }
}
