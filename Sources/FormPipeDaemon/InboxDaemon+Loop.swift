import Foundation
import Logging
import SystemPackage
import FormPipeConfig

extension InboxDaemon {
    /// The daemon loop's state: what is being watched, what is ready, what is in flight. Owned by the
    /// loop's task alone, so it needs no locks.
    struct Loop {
        let config: PipelineConfig
        let folders: DaemonFolders
        let session: WorkSession
        let claimer: InboxClaimer
        let logger: Logger
        var tracker: ReadinessTracker<FilePath.Component>
        /// Claimed files waiting for a worker: adopted from dead sessions, or left over in this one.
        var pending: [ClaimedFile] = []
        /// Claim paths of the files being processed.
        var inFlight: Set<FilePath> = []
        /// Those of `inFlight` that may still need a worker (not yet converted, failed or found a duplicate).
        var holdingWorker: Set<FilePath> = []
        var watchLost = false
        /// The inbox's files open for writing, from one pass over the process table, and when it was
        /// taken: files that settle together (a burst) share one pass.
        var openForWriting: (taken: ContinuousClock.Instant, writers: [String: [pid_t]])?

        init(config: PipelineConfig, folders: DaemonFolders, session: WorkSession, claimer: InboxClaimer, logger: Logger) {
            self.config = config
            self.folders = folders
            self.session = session
            self.claimer = claimer
            self.logger = logger
            let settle = Duration.milliseconds(Int64(config.settleSeconds * 1000))
            // A PDF without its %%EOF trailer is waited for ten settle periods (at least a second):
            // long enough for a slow copy to finish, short enough for a truncated file to be reported.
            tracker = ReadinessTracker(settle: settle, incompletePDFWait: max(settle * 10, .seconds(1)))
        }

        /// How often settle deadlines are checked: a quarter of the settle time, within 50–500 ms.
        var tickInterval: Duration {
            min(max(tracker.settle / 4, .milliseconds(50)), .milliseconds(500))
        }

        mutating func apply(_ changes: [InboxChange]) {
            for change in changes {
                switch change {
                case .activity(let name):
                    guard InboxNamePolicy.skipReason(for: name.string) == nil else { continue }
                    if !tracker.isTracking(name) { logger.info("seen", metadata: [LogKey.file: "\(name)"]) }
                    perform(tracker.noticed(name, at: .now))
                case .removed(let name):
                    tracker.removed(name)
                case .overflow:
                    logger.warning("inotify queue overflowed; rescanning the inbox")
                    rescan()
                case .watchLost:
                    logger.error("the inbox folder was removed or moved; watching it again at the next rescan",
                                 metadata: [LogKey.folder: "\(folders.inbox)"])
                    watchLost = true
                }
            }
        }

        /// Carries out the tracker's actions; probes are answered at once.
        mutating func perform(_ actions: [ReadinessTracker<FilePath.Component>.Action]) {
            for action in actions {
                switch action {
                case .probe(let name):
                    let snapshot = FileSnapshot.take(folders.inbox.appending(name))
                    perform(tracker.probed(name, snapshot: snapshot, at: .now))
                case .ready(let name):
                    // Quiet is not finished: a writer that pauses longer than settleSeconds still has it open.
                    let writers = writersOf(name)
                    if !writers.isEmpty {
                        logger.debug("still open for writing", metadata: [LogKey.file: "\(name)", "formpipe.writers": "\(writers)"])
                        perform(tracker.noticed(name, at: .now))
                        continue
                    }
                    logger.debug("ready", metadata: [LogKey.file: "\(name)"])
                case .ignore(let name):
                    logger.debug("ignoring a folder in the inbox", metadata: [LogKey.file: "\(name)"])
                }
            }
        }

        /// Who has `name` open for writing, from a pass over the process table at most 100 ms old.
        mutating func writersOf(_ name: FilePath.Component) -> [pid_t] {
            let now = ContinuousClock.now
            if openForWriting == nil || now - openForWriting!.taken > .milliseconds(100) {
                openForWriting = (now, OpenFileWriters.writers(under: folders.inbox))
            }
            guard let path = OpenFileWriters.resolve(folders.inbox.appending(name).string) else { return [] }
            return openForWriting?.writers[path] ?? []
        }

        /// Lists the inbox (catching whatever inotify missed), adopts files of dead daemons, and
        /// re-queues files of this session that an earlier attempt left in `work/`.
        mutating func rescan(watcher: InboxWatcher? = nil) {
            if watchLost, let watcher {
                try? FileManager.default.createDirectory(atPath: folders.inbox.string, withIntermediateDirectories: true)
                if (try? watcher.rewatch()) != nil { watchLost = false }
            }
            do {
                let names = try DirectoryListing.names(in: folders.inbox).filter { InboxNamePolicy.skipReason(for: $0.string) == nil }
                let actions = tracker.rescanned(present: Set(names), at: .now)
                for case .probe(let name) in actions { logger.info("seen", metadata: [LogKey.file: "\(name)"]) }
                perform(actions)
            } catch {
                logger.error("cannot list the inbox", metadata: [LogKey.folder: "\(folders.inbox)", LogKey.reason: "\(error)"])
            }
            StagingCleaner.removeAbandoned(in: folders.outbox)
            let adopted = session.adoptOrphans()
            if !adopted.isEmpty {
                logger.notice("taking up files left in work by a stopped daemon", metadata: [LogKey.count: "\(adopted.count)"])
            }
            pending += adopted
            let queued = Set(pending.map(\.path)).union(inFlight)
            pending += session.claimedFiles().filter { !queued.contains($0.path) }
        }

        /// The next file to process: a pending claimed file first, else a fresh claim from the inbox.
        mutating func nextFile() -> ClaimedFile? {
            if !pending.isEmpty { return pending.removeFirst() }
            while let name = tracker.nextReady() {
                defer { tracker.claimEnded(name) }
                switch claimer.claim(name) {
                case .claimed(let file):
                    logger.info("claimed", metadata: [LogKey.file: "\(file.name)", LogKey.claim: "\(file.path.lastComponent?.string ?? "")"])
                    return file
                case .gone:
                    logger.debug("taken by another process", metadata: [LogKey.file: "\(name)"])
                case .refused(let error):
                    logger.warning("cannot claim", metadata: [LogKey.file: "\(name)", LogKey.reason: "\(error)"])
                }
            }
            return nil
        }
    }
}
