import Foundation
import Logging
import FormPipeConfig
import FormPipeSinks

/// One delivery round of the PostgreSQL sink for the commands that are not the daemon
/// (`convert`, `review`, `sink`): queue what they published, deliver the queue, say in one line
/// what happened. A database that cannot be reached is not an error of the command: the
/// documents wait in the queue for the daemon or `formpipe sink`.
enum SinkRun {
    /// Queues `folders` of `outbox`, then delivers everything queued. Nil without a sink.
    @discardableResult
    static func deliver(_ config: PipelineConfig, queueing folders: [String] = [], outbox: URL? = nil,
                        quiet: Bool = false) async -> SinkDeliverer.Round? {
        guard let settings = config.postgres, let queue = config.sinkQueue else { return nil }
        for folder in folders {
            do {
                try queue.enqueue(folder: folder, outbox: outbox ?? config.outbox)
            } catch {
                printError("sink: cannot queue \(folder) in \(queue.directory.path): \(error.localizedDescription)")
            }
        }
        let deliverer = SinkDeliverer(queue: queue, sink: PostgresSink(settings: settings, logger: logger(config)),
                                      logger: logger(config))
        let round = await deliverer.deliverQueued()
        await deliverer.sink.close()
        if let outage = round.outage {
            printError("sink: \(outage); \(round.waiting) documents wait in \(queue.directory.path) for the daemon or 'formpipe sink'")
        } else if !quiet || round.rejected > 0 {
            var line = "sink: \(round.written) documents written to \(settings)"
            if round.rejected > 0 { line += ", \(round.rejected) refused (see \(queue.directory.path)/rejected)" }
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        return round
    }

    /// A deliverer for a long-running command other than the daemon (`review --serve`): its
    /// decisions reach the database while it runs, as the daemon's conversions do. Nil without a sink.
    static func deliverer(_ config: PipelineConfig) -> SinkDeliverer? {
        guard let settings = config.postgres, let queue = config.sinkQueue else { return nil }
        return SinkDeliverer(queue: queue, sink: PostgresSink(settings: settings, logger: logger(config)), logger: logger(config))
    }

    /// Warnings and errors only, on stderr: a command's own output stays its summary line.
    private static func logger(_ config: PipelineConfig) -> Logger {
        Logger(label: "formpipe.sink") { label in
            var handler = LineLogHandler(label: label, format: config.logFormat)
            handler.logLevel = .warning
            return handler
        }
    }
}
