#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import ServiceLifecycle
import SystemPackage
import FormPipeCore
import FormPipeConfig
import FormPipeEmit
import FormPipeSinks

/// `formpipe run`: watches the inbox and converts every file that lands there, in worker processes.
///
/// One loop owns all decisions. It consumes a single stream of events — inotify changes, clock ticks,
/// rescans, finished jobs, shutdown — feeds them to the ``ReadinessTracker``, claims ready files while
/// fewer than `workers` of its files need a worker, and starts a ``FileProcessor`` job per claimed
/// file; a file whose conversion ended waits for its fsyncs (queue entry, archive) without holding
/// a worker, but at most `workers` such files at once. On
/// graceful shutdown (SIGTERM/SIGINT through the `ServiceGroup`) intake stops at once, files in
/// flight get `shutdownGraceSeconds` to finish, and any still running after that are stopped and stay
/// in `work/`, where the next start takes them up.
public final class InboxDaemon: Service, Sendable {
    public let config: PipelineConfig
    private let workerExecutable: String
    private let logger: Logger

    public init(config: PipelineConfig, workerExecutable: String, logger: Logger) {
        self.config = config
        self.workerExecutable = workerExecutable
        self.logger = logger
    }

    private enum LoopEvent: Sendable {
        case changes([InboxChange])
        case tick
        case rescan
        /// The file needs no worker any more; it is still in flight until `finished`.
        case workerReleased(FilePath)
        case finished(FilePath, FileProcessor.Result)
        case shutdown
        case graceOver
        /// Time to tell systemd the loop still turns (`WatchdogSec=`).
        case watchdog
    }

    public func run() async throws {
        // A worker that dies while the daemon writes a request must not take the daemon with it:
        // the write fails with EPIPE instead, and the worker's exit is reported for that file.
        signal(SIGPIPE, SIG_IGN)
        // First: it removes NOTIFY_SOCKET from the environment the workers are given.
        let notifier = ServiceNotifier.fromEnvironment()
        let folders = try DaemonFolders.prepare(config)
        let session = try WorkSession.open(work: folders.work)
        defer { session.close() }
        let index = try ProcessedIndex(work: folders.work)
        let publisher = FileOutcomePublisher(archive: folders.archive, failed: folders.failed)
        publisher.removeStaleTemporaries()
        StagingCleaner.removeAbandoned(in: folders.outbox)
        let pool = WorkerPool(configuration: workerPoolConfiguration(), logger: logger)
        let draining = Locked(false)
        let deliverer = config.postgres.map { settings in
            SinkDeliverer(queue: SinkQueue(work: config.work), sink: PostgresSink(settings: settings, logger: logger), logger: logger)
        }
        let processor = FileProcessor(config: config, pool: pool, index: index, publisher: publisher, logger: logger,
                                      sinkQueue: deliverer?.queue, isDraining: { draining.withLock { $0 } })
        let (events, post) = AsyncStream<LoopEvent>.makeStream(bufferingPolicy: .unbounded)
        var status = ServiceStatusLine(config: config, inbox: folders.inbox.string)

        logger.notice("started", metadata: [
            LogKey.folder: "\(folders.inbox)", "formpipe.workers": "\(config.workers)",
            "formpipe.watch": "\(config.pollingOnly ? "polling" : "inotify")", "formpipe.session": "\(session.directory.lastComponent?.string ?? "")",
            "formpipe.database": "\(config.postgres.map(\.description) ?? "none")",
        ])

        var loop = Loop(config: config, folders: folders, session: session, claimer: InboxClaimer(inbox: folders.inbox, session: session, reservations: OutputFolderReservations(outputRoot: config.outbox)),
                        logger: logger)
        loop.pending = session.adoptOrphans()
        if !loop.pending.isEmpty {
            logger.notice("taking up files left in work by a stopped daemon", metadata: [LogKey.count: "\(loop.pending.count)"])
        }
        let watcher = config.pollingOnly ? nil : startWatcher(folders.inbox, post: post)
        var timers = [repeating(every: loop.tickInterval, post: post, .tick),
                      repeating(every: .milliseconds(Int64(config.rescanSeconds * 1000)), post: post, .rescan, immediately: true)]
        if let watcher { timers.append(Task { for await changes in watcher.changes { post.yield(.changes(changes)) } }) }
        // Not among `timers`: the loop keeps answering the watchdog while it drains. The ping is
        // sent when the loop takes the event, so a loop that hangs stops pinging.
        let watchdogTimer = notifier?.watchdogInterval.map { repeating(every: $0, post: post, .watchdog, immediately: true) }
        notifier?.ready(status: status.line(inFlight: 0))
        // A one-shot tick at the next settle deadline; the periodic tick stays as a safety net.
        var wake: (due: ContinuousClock.Instant, task: Task<Void, Never>)?
        defer {
            watcher?.stop()
            timers.forEach { $0.cancel() }
            wake?.task.cancel()
            watchdogTimer?.cancel()
        }

        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await pool.prewarm() }
                if let deliverer { group.addTask { await deliverer.run() } }
                for await event in events {
                    let intakeOpen = !draining.withLock { $0 }
                    switch event {
                    case .changes(let changes):
                        if intakeOpen { loop.apply(changes) }
                    case .tick:
                        if intakeOpen { loop.perform(loop.tracker.tick(at: .now)) }
                    case .rescan:
                        if intakeOpen { loop.rescan(watcher: watcher) }
                    case .workerReleased(let path):
                        loop.holdingWorker.remove(path)
                    case .finished(let path, let result):
                        loop.inFlight.remove(path)
                        loop.holdingWorker.remove(path)
                        status.record(result)
                        notifier?.status(draining.withLock { $0 } ? status.stopping(inFlight: loop.inFlight.count) : status.line(inFlight: loop.inFlight.count))
                    case .shutdown:
                        draining.withLock { $0 = true }
                        notifier?.stopping(status: status.stopping(inFlight: loop.inFlight.count))
                        watcher?.stop()
                        timers.forEach { $0.cancel() }
                        logger.notice("stopping: intake closed, waiting for files in flight", metadata: [LogKey.count: "\(loop.inFlight.count)"])
                        let grace = Duration.milliseconds(Int64(config.shutdownGraceSeconds * 1000))
                        timers.append(Task {
                            try? await Task.sleep(for: grace)
                            post.yield(.graceOver)
                        })
                    case .watchdog:
                        notifier?.watchdog()
                    case .graceOver:
                        if !loop.inFlight.isEmpty {
                            logger.warning("grace period over: stopping files in flight; they stay in work for the next start",
                                           metadata: [LogKey.count: "\(loop.inFlight.count)"])
                            group.cancelAll()
                        }
                    }
                    if draining.withLock({ $0 }) {
                        wake?.task.cancel()
                        if loop.inFlight.isEmpty { break }
                        continue
                    }
                    if let due = loop.tracker.nextLookDue, due != wake?.due {
                        wake?.task.cancel()
                        wake = (due, Task {
                            guard (try? await Task.sleep(until: due, clock: .continuous)) != nil else { return }
                            post.yield(.tick)
                        })
                    }
                    while loop.holdingWorker.count < config.workers, loop.inFlight.count < 2 * config.workers,
                          let file = loop.nextFile() {
                        loop.inFlight.insert(file.path)
                        loop.holdingWorker.insert(file.path)
                        group.addTask {
                            let result = await processor.process(file, workerReleased: { post.yield(.workerReleased(file.path)) })
                            post.yield(.finished(file.path, result))
                        }
                    }
                }
                group.cancelAll()  // a worker still starting up (prewarm) must not delay the exit
            }
        } onGracefulShutdown: {
            post.yield(.shutdown)
        }
        await pool.shutdown()
        logger.notice("stopped", metadata: [LogKey.count: "\(session.claimedFiles().count)"])
    }

    private func workerPoolConfiguration() -> WorkerPool.Configuration {
        .workers(
            executable: workerExecutable, formats: config.outputFormats, maxFileMB: config.maxFileMB,
            ocrLanguages: config.ocrLanguages, memoryLimitMB: config.workerMemoryMB,
            ocrEngine: config.ocrEngine, refreshesReviewIndex: true,
            size: config.workers, recycleAfter: config.workerRecycleAfter)
    }

    private func startWatcher(_ inbox: FilePath, post: AsyncStream<LoopEvent>.Continuation) -> InboxWatcher? {
        do {
            return try InboxWatcher(directory: inbox)
        } catch {
            logger.warning("cannot watch the inbox with inotify; finding files by rescanning only", metadata: [
                LogKey.reason: "\(error)", "formpipe.rescanSeconds": "\(config.rescanSeconds)",
            ])
            return nil
        }
    }

    private func repeating(every interval: Duration, post: AsyncStream<LoopEvent>.Continuation, _ event: LoopEvent,
                           immediately: Bool = false) -> Task<Void, Never> {
        Task {
            if immediately { post.yield(event) }
            while (try? await Task.sleep(for: interval)) != nil {
                post.yield(event)
            }
        }
    }
}
