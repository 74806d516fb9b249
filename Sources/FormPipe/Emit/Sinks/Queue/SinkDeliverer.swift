import Foundation
import Logging

/// Empties the ``SinkQueue`` into the database: the daemon runs it beside its loop for as long
/// as it runs; `convert`, `review` and `formpipe sink` run one round.
///
/// The outbox stays the source of truth: delivery only reads published folders, and nothing
/// in the conversion ever waits for the database. While the database is down or slow, entries
/// pile up in the queue and are retried with exponential backoff (1 s doubling to 60 s).
public actor SinkDeliverer {
    public let queue: SinkQueue
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
        let entries = queue.entries()
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
            var batch: [(bundle: DocumentBundle, group: [SinkQueue.Entry])] = []
            var bytes = 0
            while next < order.count, batch.count < Self.batchDocuments, bytes < Self.batchBytes {
                defer { next += 1 }
                guard let group = groups[order[next]], let first = group.first else { continue }
                if let bundle = read(group, first: first, round: &round) {
                    batch.append((bundle, group))
                    bytes += bundle.json.utf8.count
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

    /// The group's bundle, or nil when its folder is gone or unusable (the group is then settled).
    private func read(_ group: [SinkQueue.Entry], first: SinkQueue.Entry, round: inout Round) -> DocumentBundle? {
        do {
            return try DocumentBundle.read(folder: first.folder, outbox: URL(fileURLWithPath: first.outbox))
        } catch .gone {
            // Replaced under another name or deleted: what the outbox no longer has is not written.
            logger.warning("not written to the database: the output folder is gone", metadata: [
                LogKey.output: "\(first.folder)", LogKey.folder: "\(first.outbox)",
            ])
            queue.remove(group)
            round.gone += 1
        } catch {
            reject(group, reason: "\(error)", round: &round)
        }
        return nil
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
