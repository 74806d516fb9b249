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

    /// Delivers every entry queued now, document by document; stops at the first outage.
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
        for (index, key) in order.enumerated() {
            guard let group = groups[key], let first = group.first else { continue }
            let bundle: DocumentBundle
            do {
                bundle = try DocumentBundle.read(folder: first.folder, outbox: URL(fileURLWithPath: first.outbox))
            } catch .gone {
                // Replaced under another name or deleted: what the outbox no longer has is not written.
                logger.warning("not written to the database: the output folder is gone", metadata: [
                    LogKey.output: "\(first.folder)", LogKey.folder: "\(first.outbox)",
                ])
                queue.remove(group)
                round.gone += 1
                continue
            } catch {
                reject(group, reason: "\(error)", round: &round)
                continue
            }
            do {
                let outcome = try await sink.write(bundle)
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
            } catch .rejected(_, let reason) {
                reject(group, reason: reason, round: &round)
            } catch {
                round.outage = error.description
                round.waiting = order[index...].reduce(0) { $0 + (groups[$1]?.count ?? 0) }
                return round
            }
        }
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
