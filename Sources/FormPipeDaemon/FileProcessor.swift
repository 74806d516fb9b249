#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import SystemPackage
import FormPipeCore
import FormPipeConfig
import FormPipeEmit
import FormPipeIntake
import FormPipePipeline
import FormPipeSinks

/// Takes one claimed file from `work/` to its outcome: checks it, recognises content converted
/// before, has a worker convert it (retrying transient errors), and moves it to `archive/` or
/// `failed/`.
///
/// Crash safety — where a `kill -9` can strike, and why every input still ends up exactly once in
/// `archive/` (with its outputs) or `failed/` (with its reason):
/// 1. Claimed, not converted: the file is in a dead session's folder in `work/`; the next daemon
///    adopts it (``WorkSession/adoptOrphans()``) and converts it from the start.
/// 2. Worker killed mid-conversion: the converter publishes `outbox/NAME/` by renaming a finished
///    temporary folder, so no half-written output folder can appear; the worker notices its dead
///    parent and exits within 0.2 s; the file is converted again as in 1.
/// 3. Converted, not yet recorded or archived: the output folder exists; converting again replaces it
///    atomically with the same content, then the file is recorded and archived.
/// 4. Recorded in `work/processed.jsonl`, not archived: after adoption its SHA-256 is found in the
///    index, so it is archived without converting (its outputs are already in the outbox).
/// 5. Moving to `archive/` or `failed/` is one `renameat2(RENAME_NOREPLACE)`: the file is in `work/`
///    or at its destination, never both or neither; for `failed/` see ``FileOutcomePublisher``.
struct FileProcessor: Sendable {
    enum Result: Sendable, Equatable {
        case archived, duplicate, failed
        /// Left in `work/` for a later attempt (shutdown, or the outcome could not be moved).
        case leftInWork
    }

    /// Transient errors (disk full, permissions) are tried again after these pauses, then failed.
    static let retryPauses: [Duration] = [.seconds(1), .seconds(5)]

    let config: PipelineConfig
    let pool: WorkerPool
    let index: ProcessedIndex
    let publisher: FileOutcomePublisher
    let logger: Logger
    /// Whether the daemon is shutting down: no retries then; the file waits in `work/` instead.
    let isDraining: @Sendable () -> Bool
    /// Where converted documents wait for the database, when a sink is configured.
    let sinkQueue: SinkQueue?
    private let requestIDs = Locked(0)

    init(config: PipelineConfig, pool: WorkerPool, index: ProcessedIndex, publisher: FileOutcomePublisher, logger: Logger,
         sinkQueue: SinkQueue? = nil, isDraining: @escaping @Sendable () -> Bool) {
        self.config = config
        self.sinkQueue = sinkQueue
        self.pool = pool
        self.index = index
        self.publisher = publisher
        self.logger = logger
        self.isDraining = isDraining
    }

    /// Takes `file` to its outcome. `workerReleased` is called once the file needs no worker any
    /// more, before its outcome is settled on disk (queue entry, index line, move to `archive/` or
    /// `failed/`, which wait for fsyncs): the daemon hands the worker its next file meanwhile.
    func process(_ file: ClaimedFile, workerReleased: @Sendable () -> Void = {}) async -> Result {
        var logger = logger
        logger[metadataKey: LogKey.file] = "\(file.name)"
        guard let info = SystemCalls.linkStatus(file.path) else {
            logger.warning("claimed file disappeared from work", metadata: [LogKey.claim: "\(file.path)"])
            return .leftInWork
        }
        let started = ContinuousClock.now
        let reservations = OutputFolderReservations(outputRoot: config.outbox)
        let identity = ClaimedFile.identity(of: info)
        let ending = await decide(file, info: info, identity: identity, reservations: reservations, logger: logger)
        workerReleased()
        let result = await settle(file, ending, started: started, logger: logger)
        switch result {
        case .archived: reservations.forget(identity: identity)
        case .duplicate, .failed:
            if let claim = reservations.lookUp(identity: identity, fingerprint: ClaimedFile.fingerprint(of: info)) {
                reservations.release(claim, identity: identity)
            }
        case .leftInWork: break
        }
        return result
    }

    /// How a file ends, decided while it may need a worker; carried out by ``settle(_:_:started:logger:)``.
    private enum Ending {
        case converted(ConversionSummary, sha256: String, logger: Logger)
        case duplicate(of: ProcessedIndex.Entry, logger: Logger)
        case failed(FailureReport, logger: Logger)
        case leftInWork
    }

    private func settle(_ file: ClaimedFile, _ ending: Ending, started: ContinuousClock.Instant, logger: Logger) async -> Result {
        switch ending {
        case .converted(let summary, let sha256, let logger):
            await archiveConverted(file, summary: summary, sha256: sha256, started: started, logger: logger)
        case .duplicate(let earlier, let logger): await archiveDuplicate(file, of: earlier, logger: logger)
        case .failed(let report, let logger): await fail(file, report, logger: logger)
        case .leftInWork: .leftInWork
        }
    }

    private func decide(_ file: ClaimedFile, info: stat, identity: String, reservations: OutputFolderReservations,
                        logger: Logger) async -> Ending {
        var logger = logger
        if let refusal = Self.refusal(for: file, info: info, maxFileMB: config.maxFileMB) {
            return .failed(report(refusal, attempts: 0), logger: logger)
        }
        let sha256: String
        do {
            let cancelled = Locked(false)
            sha256 = try await withTaskCancellationHandler {
                try await BlockingIO.run { try FileChecksum.sha256(ofFileAt: file.path, isCancelled: { cancelled.withLock { $0 } }) }
            } onCancel: {
                cancelled.withLock { $0 = true }
            }
        } catch is CancellationError {
            logger.notice("left in work for the next start", metadata: [LogKey.reason: "shutdown grace period over"])
            return .leftInWork
        } catch {
            let problem = ConversionError(.unreadable, file: file.name, stage: .intake, "cannot be read: \(error)")
            return .failed(report(problem, attempts: 0), logger: logger)
        }
        logger[metadataKey: LogKey.sha256] = "\(sha256.prefix(16))"
        if let earlier = index.lookUp(sha256: sha256) {
            return .duplicate(of: earlier, logger: logger)
        }
        // Reserved when the file was claimed; found again by its identity (after a restart too).
        let output: OutputFolderReservations.Claim
        do {
            output = try reservations.reserve(source: file.name, identity: identity, fingerprint: ClaimedFile.fingerprint(of: info))
        } catch {
            let problem = ConversionError(.outputFailed, file: file.name, stage: .emit, "cannot reserve an output folder: \(error)")
            return .failed(report(problem, attempts: 0, sha256: sha256), logger: logger)
        }
        logger[metadataKey: LogKey.output] = "\(output.folder)"
        var attempt = 0
        var crashes = 0
        while true {
            if Task.isCancelled {
                logger.notice("left in work for the next start", metadata: [LogKey.reason: "shutdown grace period over"])
                return .leftInWork
            }
            attempt += 1
            logger[metadataKey: LogKey.attempt] = attempt > 1 ? "\(attempt)" : nil
            let outcome = await convert(file, output: output, logger: logger)
            switch outcome {
            case .converted(let summary):
                return .converted(summary, sha256: sha256, logger: logger)
            case .failed(let error) where error.isTransient:
                guard attempt <= Self.retryPauses.count else {
                    return .failed(report(error, attempts: attempt, sha256: sha256), logger: logger)
                }
                guard !isDraining() else {
                    logger.notice("left in work for the next start", metadata: [LogKey.reason: "\(error.reason)"])
                    return .leftInWork
                }
                logger.warning("retrying", metadata: [LogKey.reason: "\(error.reason)", LogKey.code: "\(error.code)"])
                do { try await Task.sleep(for: Self.retryPauses[attempt - 1]) } catch { return .leftInWork }
            case .failed(let error):
                return .failed(report(error, attempts: attempt, sha256: sha256), logger: logger)
            case .timedOut(let tail):
                let seconds = config.fileTimeoutSeconds.plainText
                let problem = ConversionError(.timeout, file: file.name, stage: .intake,
                    "conversion took longer than the \(seconds) s limit and the worker was stopped; raise fileTimeoutSeconds in pipeline.json if such files are expected")
                return .failed(report(problem, attempts: attempt, sha256: sha256, worker: .signaled(SIGKILL), stderr: tail), logger: logger)
            case .crashed(let termination, let tail, let detail):
                crashes += 1
                // A crash may be the worker's bad luck (a leak, a neighbour's memory): one more try in a
                // fresh worker. Not when it ran out of its memory limit: a fresh worker has the same.
                if crashes == 1, !isDraining(), !WorkerMemoryExhaustion.explains(stderrTail: tail, limitMB: config.workerMemoryMB) {
                    logger.warning("worker crashed; retrying in a fresh worker", metadata: [
                        LogKey.reason: "\(termination.map { "\($0)" } ?? detail ?? "garbled reply")",
                    ])
                    continue
                }
                return .failed(crashReport(file, termination, tail, detail, attempt: attempt, sha256: sha256, crashes: crashes),
                               logger: logger)
            case .cancelled:
                logger.notice("left in work for the next start", metadata: [LogKey.reason: "shutdown grace period over"])
                return .leftInWork
            }
        }
    }

    /// Files the daemon refuses before any worker sees them.
    static func refusal(for file: ClaimedFile, info: stat, maxFileMB: Double) -> ConversionError? {
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: file.path.string)) ?? "?"
            return ConversionError(.symbolicLink, file: file.name, stage: .intake,
                "is a symbolic link (to \(target)); links in the inbox are never followed: put the file itself in the inbox")
        case S_IFREG:
            guard Double(info.st_size) / 1_048_576 > maxFileMB else { return nil }
            return .tooLarge(file: file.name, bytes: Int(info.st_size), limitMB: maxFileMB)
        default:
            return ConversionError(.notRegularFile, file: file.name, stage: .intake,
                "is not a regular file (a FIFO, socket or device); only files can be converted")
        }
    }

    private func convert(_ file: ClaimedFile, output: OutputFolderReservations.Claim, logger: Logger) async -> WorkerProcess.Attempt {
        let id = requestIDs.withLock { value in
            value += 1
            return value
        }
        let request = WorkerProtocol.Request(id: id, input: file.path.string, displayName: file.name, outbox: config.outbox.path,
                                                 output: output)
        do {
            return try await pool.convert(request, timeout: .milliseconds(Int64(config.fileTimeoutSeconds * 1000)))
        } catch {
            return .failed(ConversionError(.workerUnavailable, file: file.name, stage: .intake,
                                           "no worker process could be started: \(error)", transient: true))
        }
    }

    private func archiveConverted(_ file: ClaimedFile, summary: ConversionSummary, sha256: String, started: ContinuousClock.Instant,
                                  logger: Logger) async -> Result {
        // The summary names the folder by its full path; the log and the index name it in the outbox.
        let outputFolder = URL(fileURLWithPath: summary.outputFolder).lastPathComponent
        // Queued before the index records the content: a crash in between converts the file again
        // and queues it again, rather than leaving it converted but never sent to the database.
        if let sinkQueue {
            let outbox = config.outbox
            do {
                // Off the cooperative pool: the entry is fsynced, and the pool has one thread per core.
                try await BlockingIO.run { try sinkQueue.enqueue(folder: outputFolder, outbox: outbox) }
            } catch {
                logger.error("cannot queue the document for the database; 'formpipe sink --replay' loads it later",
                             metadata: [LogKey.reason: "\(error)"])
            }
        }
        do {
            try index.record(.init(sha256: sha256, file: file.name, output: outputFolder, convertedAt: Date()))
        } catch {
            // Not fatal: the outputs are published; only duplicate detection misses this content.
            logger.error("cannot record converted content", metadata: [LogKey.reason: "\(error)"])
        }
        guard let archived = await move({ try publisher.archive(file) }, logger: logger) else { return .leftInWork }
        let elapsed = ContinuousClock.now - started
        let metadata: Logger.Metadata = [
            LogKey.output: "\(outputFolder)", LogKey.forms: "\(summary.forms)", LogKey.repairs: "\(summary.repairs)",
            LogKey.findings: "\(summary.findings)", LogKey.pages: "\(summary.pages)",
            LogKey.milliseconds: "\(Int(summary.milliseconds.rounded()))", "formpipe.totalMs": "\(elapsed.milliseconds)",
            LogKey.destination: "\(archived)", LogKey.tables: "\(summary.tables)",
        ]
        if summary.isUnrecognized {
            // Archived, not failed: nothing is wrong with the file, it is just not a form we know.
            logger.warning("unrecognized", metadata: metadata)
        } else {
            logger.info("converted", metadata: metadata)
        }
        return .archived
    }

    private func archiveDuplicate(_ file: ClaimedFile, of earlier: ProcessedIndex.Entry, logger: Logger) async -> Result {
        guard let archived = await move({ try publisher.archive(file) }, logger: logger) else { return .leftInWork }
        // A recovered file found in the index was converted just before a crash: not a user's duplicate.
        logger.info(file.recovered && earlier.file == file.name ? "already converted before restart" : "duplicate", metadata: [
            LogKey.duplicateOf: "\(earlier.file)", LogKey.output: "\(earlier.output)", LogKey.destination: "\(archived)",
        ])
        return .duplicate
    }

    private func fail(_ file: ClaimedFile, _ report: FailureReport, logger: Logger) async -> Result {
        guard let name = await move({ try publisher.fail(file, report: report) }, logger: logger) else { return .leftInWork }
        logger.warning("failed", metadata: [
            LogKey.reason: "\(report.reason)", LogKey.code: "\(report.code)", LogKey.stage: "\(report.stage ?? "-")",
            LogKey.destination: "\(name)",
        ])
        return .failed
    }

    private func move(_ body: @escaping @Sendable () throws -> String, logger: Logger) async -> String? {
        do {
            return try await BlockingIO.run(body)
        } catch {
            logger.error("cannot move the file out of work; it is tried again at the next rescan", metadata: [LogKey.reason: "\(error)"])
            return nil
        }
    }

    private func report(_ error: ConversionError, attempts: Int, sha256: String? = nil, worker: ProcessTermination? = nil,
                        stderr: String? = nil) -> FailureReport {
        FailureReport(file: "", reason: error.reason, code: error.code.rawValue, stage: error.code == .timeout ? nil : error.stage.rawValue,
                      worker: worker.map(FailureReport.WorkerExit.init), stderrTail: stderr.flatMap { $0.isEmpty ? nil : $0 },
                      attempts: attempts, sha256: sha256, failedAt: Date(), source: .init(device: 0, inode: 0))
    }

    private func crashReport(_ file: ClaimedFile, _ termination: ProcessTermination?, _ tail: String, _ detail: String?, attempt: Int,
                             sha256: String, crashes: Int) -> FailureReport {
        let how = termination.map { "(\($0))" } ?? ""
        let problem = WorkerMemoryExhaustion.explains(stderrTail: tail, limitMB: config.workerMemoryMB)
            ? WorkerMemoryExhaustion.error(file: file.name, limitMB: config.workerMemoryMB, termination: termination)
            : ConversionError(.workerCrashed, file: file.name, stage: .intake,
                "the worker process crashed \(how) while converting\(detail.map { ": \($0)" } ?? "")\(crashes > 1 ? " (also when retried in a fresh worker)" : ""); the stderr tail in this report shows its last words")
        var report = report(problem, attempts: attempt, sha256: sha256, worker: termination, stderr: tail)
        report.stage = nil
        return report
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
