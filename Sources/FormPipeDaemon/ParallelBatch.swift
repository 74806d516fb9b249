#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import SystemPackage
import FormPipeCore
import FormPipeEmit
import FormPipePipeline

/// Converts a batch of files in several `formpipe worker` processes at once (`convert --jobs`).
///
/// The files are handed out in the order given to whichever worker is free, so progress follows
/// completion order. Every file's output folder is reserved before any conversion starts, in the
/// order given (``OutputFolderReservations``: `form.txt` then `form.pdf` get `form/` and
/// `form.pdf/`), so the folders are those a one-at-a-time run gives and no file can replace
/// another's; the same file named twice is converted twice, one after the other. A worker that crashes or outlives
/// ``fileTimeoutSeconds`` fails only its file (the pool starts a fresh worker for the next one); a
/// file's own conversion error arrives exactly as the in-process ``Converter`` throws it. The workers
/// never touch `OUTBOX/index.html`: the caller refreshes it once when the batch is done.
public struct ParallelBatch: Sendable {
    public enum Event: Sendable {
        /// A worker has been asked to convert the file.
        case started(URL)
        case finished(URL, Result<ConversionSummary, ConversionError>)
    }

    /// The `formpipe` binary the workers run (`formpipe worker`).
    public var workerExecutable: String
    /// How many files are converted at once, each in its own worker process.
    public var jobs: Int
    public var options: ConversionOptions
    /// Wall-time limit of one file; its worker is killed after it.
    public var fileTimeoutSeconds: Double
    /// A worker is replaced after this many files, bounding slow leaks in the C libraries.
    public var recycleAfter = 200
    /// Each worker's address-space limit (`workerMemoryMB`); 0 for none.
    public var memoryLimitMB = 0

    public init(workerExecutable: String, jobs: Int, options: ConversionOptions, fileTimeoutSeconds: Double) {
        self.workerExecutable = workerExecutable
        self.jobs = jobs
        self.options = options
        self.fileTimeoutSeconds = fileTimeoutSeconds
    }

    /// Converts every file into `outputRoot`, reporting each start and outcome to `onEvent` on the
    /// calling task, one at a time. Returns when every file has finished and the workers have exited.
    public func convert(_ files: [URL], into outputRoot: URL, onEvent: (Event) -> Void) async {
        await convert(files.map { Input($0) }, into: outputRoot, onEvent: onEvent)
    }

    /// One file to convert: where to read it, the name it goes by, and what makes it the same input
    /// when converted again (``OutputFolderReservations``).
    public struct Input: Sendable {
        public var url: URL
        public var name: String
        public var identity: String

        public init(_ url: URL, name: String? = nil, identity: String? = nil) {
            self.url = url
            self.name = name ?? url.lastPathComponent
            self.identity = identity ?? OutputFolderReservations.identity(ofPath: url)
        }
    }

    public func convert(_ inputs: [Input], into outputRoot: URL, onEvent: (Event) -> Void) async {
        let files = inputs.map(\.url)
        let identities = inputs.map(\.identity)
        let reservations = OutputFolderReservations(outputRoot: outputRoot)
        let claims = inputs.map { input in
            Result { () throws(OutputFolderReservations.ReservationError) in
                try reservations.reserve(source: input.name, identity: input.identity)
            }
        }
        let lanes = Self.serialGroups(identities)
        let size = min(max(jobs, 1), lanes.count)
        guard size > 0 else { return }
        // A worker that dies while we write its request must fail that file, not end this process.
        signal(SIGPIPE, SIG_IGN)
        let pool = WorkerPool(configuration: poolConfiguration(size: size),
                              logger: Logger(label: "formpipe.convert", factory: { _ in SwiftLogNoOpLogHandler() }))
        let queue = Locked(lanes[...])
        let (events, post) = AsyncStream<Event>.makeStream(bufferingPolicy: .unbounded)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withTaskGroup(of: Void.self) { workers in
                    for _ in 0..<size {
                        workers.addTask {
                            while let lane = queue.withLock({ $0.popFirst() }) {
                                for index in lane {
                                    post.yield(.started(files[index]))
                                    var result: Result<ConversionSummary, ConversionError>
                                    switch claims[index] {
                                    case .success(let claim):
                                        result = await convert(files[index], name: inputs[index].name, id: index, claim: claim, into: outputRoot,
                                                               pool: pool)
                                        if case .failure = result { reservations.release(claim, identity: identities[index]) }
                                    case .failure(let problem):
                                        result = .failure(ConversionError(.outputFailed, file: inputs[index].name, stage: .emit,
                                                                          "cannot reserve an output folder: \(problem)"))
                                    }
                                    post.yield(.finished(files[index], result))
                                }
                            }
                        }
                    }
                }
                post.finish()
            }
            for await event in events { onEvent(event) }
        }
        await pool.shutdown()
        // Half-built folders of workers that were killed; every worker of this batch has exited.
        StagingCleaner.removeAbandoned(in: FilePath(outputRoot.path))
    }

    private func convert(_ file: URL, name: String, id: Int, claim: OutputFolderReservations.Claim, into outputRoot: URL,
                         pool: WorkerPool) async -> Result<ConversionSummary, ConversionError>
    {
        let request = WorkerProtocol.Request(id: id, input: file.path, displayName: name, outbox: outputRoot.path, output: claim)
        var attempt: WorkerProcess.Attempt
        var crashes = 0
        repeat {
            do {
                attempt = try await pool.convert(request, timeout: .milliseconds(Int64(fileTimeoutSeconds * 1000)))
            } catch {
                return .failure(ConversionError(.workerUnavailable, file: name, stage: .intake,
                                                "no worker process could be started (\(error))"))
            }
            // A crashed worker's file is tried once more in a fresh worker, as the daemon does (not
            // when it ran out of its memory limit: a fresh worker has the same).
            guard case .crashed(_, let tail, _) = attempt, !WorkerMemoryExhaustion.explains(stderrTail: tail, limitMB: memoryLimitMB)
            else { break }
            crashes += 1
        } while crashes < 2
        switch attempt {
        case .converted(let summary):
            return .success(summary)
        case .failed(let error):
            return .failure(error)
        case .timedOut:
            return .failure(ConversionError(.timeout, file: name, stage: .intake,
                "conversion took longer than the \(fileTimeoutSeconds.plainText) s limit (fileTimeoutSeconds in pipeline.json) and its worker was stopped"))
        case .crashed(let termination, let tail, _) where WorkerMemoryExhaustion.explains(stderrTail: tail, limitMB: memoryLimitMB):
            return .failure(WorkerMemoryExhaustion.error(file: name, limitMB: memoryLimitMB, termination: termination))
        case .crashed(let termination, let tail, let detail):
            let how = termination.map { " (\($0))" } ?? ""
            let lastWords = tail.split(whereSeparator: \.isNewline).last.map { "; its last output: \($0.prefix(200))" } ?? ""
            return .failure(ConversionError(.workerCrashed, file: name, stage: .intake,
                "the worker process crashed\(how) while converting this file\(detail.map { ": \($0)" } ?? ""), also when retried in a fresh worker\(lastWords)"))
        case .cancelled:
            return .failure(ConversionError(.workerCrashed, file: name, stage: .intake, "the conversion was stopped before it finished"))
        }
    }

    /// The parent refreshes `index.html` once at the end.
    private func poolConfiguration(size: Int) -> WorkerPool.Configuration {
        .workers(
            executable: workerExecutable, formats: OutputFormat.allCases.filter(options.formats.contains),
            maxFileMB: Double(options.maxFileBytes) / 1_048_576, ocrLanguages: options.ocrLanguages, memoryLimitMB: memoryLimitMB,
            ocrEngine: options.ocrEngine, debugDump: options.debugDump, refreshesReviewIndex: false, size: size, recycleAfter: recycleAfter)
    }

    /// The files (indices into `identities`) grouped so that the same input named twice is
    /// converted by one lane, in order; groups keep the given order.
    static func serialGroups(_ identities: [String]) -> [[Int]] {
        var groupOfIdentity: [String: Int] = [:]
        var groups: [[Int]] = []
        for (index, identity) in identities.enumerated() {
            if let group = groupOfIdentity[identity] {
                groups[group].append(index)
            } else {
                groupOfIdentity[identity] = groups.count
                groups.append([index])
            }
        }
        return groups
    }
}
