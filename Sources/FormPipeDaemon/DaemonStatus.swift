#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SystemPackage
import FormPipeCore
import FormPipeConfig

/// What `formpipe status` reports, read from the folders and `work/` — no daemon needs to be running.
public struct DaemonStatus: Sendable, Codable, Equatable {
    /// Files in the inbox the daemon would take (partial and hidden names excluded).
    public var waiting: Int
    /// Claimed files in `work/` (being converted, or left by a stopped daemon for the next start).
    public var processing: Int
    /// Of those, files whose daemon is gone; they are taken up when a daemon (re)starts.
    public var stranded: Int
    /// Originals in `archive/` (converted, or duplicates of converted content).
    public var done: Int
    /// Failure reports in `failed/`.
    public var failed: Int
    /// Distinct contents converted, from `work/processed.jsonl`.
    public var converted: Int
    /// Daemons holding a work session right now.
    public var daemonsRunning: Int
    /// The newest failures first.
    public var lastFailures: [Failure]
    /// The PostgreSQL sink's queue, when `postgres` is set.
    public var sink: SinkBacklog?

    public struct SinkBacklog: Sendable, Codable, Equatable {
        public var database: String
        /// Documents published to the outbox and not yet written to the database.
        public var waiting: Int
        public var oldest: Date?
        /// Documents the database refused, kept in `work/sink/rejected/`.
        public var rejected: Int
    }

    public struct Failure: Sendable, Codable, Equatable {
        public var file: String
        public var code: String
        public var reason: String
        public var failedAt: Date
    }

    public static func collect(_ config: PipelineConfig, lastFailures limit: Int = 5) -> DaemonStatus {
        let folders = DaemonFolders(config)
        func names(_ folder: FilePath) -> [FilePath.Component] { (try? DirectoryListing.names(in: folder)) ?? [] }

        let waiting = names(folders.inbox).filter { name in
            InboxNamePolicy.skipReason(for: name.string) == nil
                && SystemCalls.linkStatus(folders.inbox.appending(name)).map { $0.st_mode & S_IFMT != S_IFDIR } == true
        }.count
        let done = names(folders.archive).filter { !$0.string.hasPrefix(".") }.count
        let reports = names(folders.failed).filter { !$0.string.hasPrefix(".") && $0.string.hasSuffix(FailureReport.suffix) }

        var processing = 0, stranded = 0, running = 0
        let claims = folders.work.appending("claims")
        for session in names(claims) where !session.string.hasPrefix(".") {
            let files = names(claims.appending(session)).filter { $0.string != WorkSession.lockFileName }.count
            processing += files
            if isLocked(claims.appending(session).appending(WorkSession.lockFileName)) {
                running += 1
            } else {
                stranded += files
            }
        }

        let newest = reports.compactMap { name -> (Date, FilePath)? in
            let path = folders.failed.appending(name)
            guard let info = SystemCalls.linkStatus(path) else { return nil }
            return (Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec)), path)
        }.sorted { $0.0 > $1.0 }.prefix(limit)
        let failures = newest.compactMap { _, path -> Failure? in
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: path.string)), let report = FailureReport.decode(data) else { return nil }
            return Failure(file: report.file, code: report.code, reason: report.reason, failedAt: report.failedAt)
        }
        let converted = (try? String(contentsOfFile: folders.work.appending(ProcessedIndex.fileName).string, encoding: .utf8))?
            .split(separator: "\n").count ?? 0
        let sink = config.sinkQueue.map { queue in
            let backlog = queue.backlog()
            return SinkBacklog(database: config.postgres?.description ?? "", waiting: backlog.count, oldest: backlog.oldest,
                               rejected: queue.rejectedCount())
        }
        return DaemonStatus(waiting: waiting, processing: processing, stranded: stranded, done: done, failed: reports.count,
                            converted: converted, daemonsRunning: running, lastFailures: failures, sink: sink)
    }

    /// Whether a live daemon holds this session lock (a lock we can take belongs to a dead one).
    private static func isLocked(_ path: FilePath) -> Bool {
        guard let descriptor = try? FileDescriptor.open(path, .readOnly, options: [.closeOnExec]) else { return false }
        defer { try? descriptor.close() }
        if flock(descriptor.rawValue, LOCK_EX | LOCK_NB) == 0 { return false }
        return errno == EWOULDBLOCK
    }

    /// The report `formpipe status` prints.
    public func render(config: PipelineConfig) -> String {
        var lines = [
            "waiting     \(waiting)\t\(config.inbox.path)",
            "processing  \(processing)\t\(config.work.path)" + (stranded > 0 ? "  (\(stranded) left by a stopped daemon, taken up at next start)" : ""),
            "done        \(done)\t\(config.archive.path)",
            "failed      \(failed)\t\(config.failed.path)",
            "converted   \(converted) distinct contents",
            "daemons     \(daemonsRunning) running",
        ]
        if let sink {
            let since = sink.oldest.map { "  (oldest queued \(ISO8601DateFormatter().string(from: $0)))" } ?? ""
            lines.append("sink        \(sink.waiting) waiting for \(sink.database)\(since)"
                + (sink.rejected > 0 ? "; \(sink.rejected) refused, in \(config.work.path)/sink/rejected" : ""))
        }
        if !lastFailures.isEmpty {
            lines.append("")
            lines.append("last failures:")
            let formatter = ISO8601DateFormatter()
            for failure in lastFailures {
                lines.append("  \(formatter.string(from: failure.failedAt))  \(failure.file)  [\(failure.code)] \(failure.reason)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
