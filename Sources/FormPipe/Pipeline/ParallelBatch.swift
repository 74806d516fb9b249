#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import SystemPackage

/// Converts a batch of files in several `formpipe worker` processes at once (`convert --jobs`).
///
/// The files are handed out in the order given to whichever worker is free, so progress follows
/// completion order. Files that could claim the same output folder (`form.pdf` and `form.txt` both
/// want `form/`) are converted one after the other in that order, by the same lane, so every file
/// gets the folder a one-at-a-time run would give it. A worker that crashes or outlives
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

    public init(workerExecutable: String, jobs: Int, options: ConversionOptions, fileTimeoutSeconds: Double) {
        self.workerExecutable = workerExecutable
        self.jobs = jobs
        self.options = options
        self.fileTimeoutSeconds = fileTimeoutSeconds
    }

    /// Converts every file into `outputRoot`, reporting each start and outcome to `onEvent` on the
    /// calling task, one at a time. Returns when every file has finished and the workers have exited.
    public func convert(_ files: [URL], into outputRoot: URL, onEvent: (Event) -> Void) async {
        let lanes = Self.serialGroups(files.map(\.lastPathComponent))
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
                                    let result = await convert(files[index], id: index, into: outputRoot, pool: pool)
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

    private func convert(_ file: URL, id: Int, into outputRoot: URL, pool: WorkerPool) async -> Result<ConversionSummary, ConversionError> {
        let name = file.lastPathComponent
        let request = WorkerProtocol.Request(id: id, input: file.path, displayName: name, outbox: outputRoot.path)
        let attempt: WorkerProcess.Attempt
        do {
            attempt = try await pool.convert(request, timeout: .milliseconds(Int64(fileTimeoutSeconds * 1000)))
        } catch {
            return .failure(ConversionError(.workerUnavailable, file: name, stage: .intake,
                                            "no worker process could be started (\(error)); try --jobs 1"))
        }
        switch attempt {
        case .converted(let summary):
            return .success(summary)
        case .failed(let error):
            return .failure(error)
        case .timedOut:
            return .failure(ConversionError(.timeout, file: name, stage: .intake,
                "conversion took longer than the \(fileTimeoutSeconds.plainText) s limit (fileTimeoutSeconds in pipeline.json) and its worker was stopped; --jobs 1 converts without a limit"))
        case .crashed(let termination, let tail, let detail):
            let how = termination.map { " (\($0))" } ?? ""
            let lastWords = tail.split(whereSeparator: \.isNewline).last.map { "; its last output: \($0.prefix(200))" } ?? ""
            return .failure(ConversionError(.workerCrashed, file: name, stage: .intake,
                "the worker process crashed\(how) while converting this file\(detail.map { ": \($0)" } ?? "")\(lastWords)"))
        case .cancelled:
            return .failure(ConversionError(.workerCrashed, file: name, stage: .intake, "the conversion was stopped before it finished"))
        }
    }

    /// No memory limit, as in-process; the parent refreshes `index.html` once at the end.
    private func poolConfiguration(size: Int) -> WorkerPool.Configuration {
        .workers(
            executable: workerExecutable, formats: OutputFormat.allCases.filter(options.formats.contains),
            maxFileMB: Double(options.maxFileBytes) / 1_048_576, ocrLanguages: options.ocrLanguages, memoryLimitMB: 0,
            ocrEngine: options.ocrEngine, debugDump: options.debugDump, refreshesReviewIndex: false, size: size, recycleAfter: recycleAfter)
    }

    /// The files (indices into `names`) grouped so that no two groups can choose the same output
    /// folder (``OutputName/possibleFolders(for:)``); groups and the files in each keep the given order.
    static func serialGroups(_ names: [String]) -> [[Int]] {
        var sets = DisjointSets(count: names.count)
        var firstClaim: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            for folder in OutputName.possibleFolders(for: name) {
                guard let other = firstClaim[folder] else {
                    firstClaim[folder] = index
                    continue
                }
                sets.union(index, other)
            }
        }
        var groupOfRoot: [Int: Int] = [:]
        var groups: [[Int]] = []
        for index in names.indices {
            let key = sets.root(index)
            if let group = groupOfRoot[key] {
                groups[group].append(index)
            } else {
                groupOfRoot[key] = groups.count
                groups.append([index])
            }
        }
        return groups
    }
}
