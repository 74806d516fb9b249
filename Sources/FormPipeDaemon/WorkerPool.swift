import Foundation
import Logging
import FormPipeExtract
import FormPipeConfig
import FormPipeEmit

/// The long-lived `formpipe worker` processes conversions run in.
///
/// Starting a Swift process with Foundation and Poppler costs ~32 ms and ~35 MB, so workers take many
/// files in turn; a worker is replaced after a crash, a time-out (it was killed) or a garbled reply,
/// and recycled after ``Configuration/recycleAfter`` files to bound leaks in the C libraries. The
/// daemon never asks for more workers than ``Configuration/size`` at once.
actor WorkerPool {
    struct Configuration: Sendable {
        var executable: String
        var arguments: [String]
        var environment: [String: String]
        var size: Int
        var recycleAfter: Int
        var startTimeout: Duration = .seconds(30)
    }

    private let configuration: Configuration
    private let logger: Logger
    private var idle: [WorkerProcess] = []
    private var busy: [pid_t: WorkerProcess] = [:]
    /// Workers being started, so that no more than `size` exist at once.
    private var starting = 0
    /// `acquire` calls waiting for a worker that is being started.
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Starts all workers up front, in parallel, so the first files do not wait for start-up. Runs
    /// beside the daemon loop (a worker slow to start must not hold up intake). A worker that fails to
    /// start is only logged here; ``acquire()`` reports the failure to the file that needs it.
    func prewarm() async {
        let missing = configuration.size - idle.count - busy.count - starting
        guard missing > 0 else { return }
        starting += missing
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<missing {
                group.addTask { await self.startIdle() }
            }
        }
    }

    private func startIdle() async {
        if let worker = try? await start() { idle.append(worker) }
        starting -= 1
        wakeWaiters()
    }

    private func wakeWaiters() {
        let woken = waiting
        waiting.removeAll()
        woken.forEach { $0.resume() }
    }

    /// A ready worker: an idle one, one being started, or one started now.
    func acquire() async throws(WorkerProcess.StartError) -> WorkerProcess {
        while true {
            while let worker = idle.popLast() {
                if worker.hasExited {
                    logger.warning("worker exited while idle", metadata: [LogKey.workerPID: "\(worker.pid)"])
                    continue
                }
                busy[worker.pid] = worker
                return worker
            }
            if starting == 0 || busy.count + starting < configuration.size {
                starting += 1
                defer {
                    starting -= 1
                    wakeWaiters()
                }
                let worker = try await start()
                busy[worker.pid] = worker
                return worker
            }
            // Every slot is taken by a worker that is still starting: wait for it rather than start
            // one more.
            await withCheckedContinuation { waiting.append($0) }
        }
    }

    /// Runs `request` on a worker of the pool and gives the worker back, retired when the attempt
    /// leaves it in doubt (``WorkerProcess/Attempt/leavesWorkerHealthy``).
    func convert(_ request: WorkerProtocol.Request, timeout: Duration) async throws(WorkerProcess.StartError)
        -> WorkerProcess.Attempt
    {
        let worker = try await acquire()
        let attempt = await worker.convert(request, timeout: timeout)
        release(worker, healthy: attempt.leavesWorkerHealthy)
        return attempt
    }

    /// Gives a worker back. An unhealthy worker (crashed, killed, confused) is retired, as is one that
    /// has reached its file quota.
    func release(_ worker: WorkerProcess, healthy: Bool) {
        busy[worker.pid] = nil
        defer { wakeWaiters() }
        if healthy, !worker.hasExited, worker.filesHandled < configuration.recycleAfter {
            idle.append(worker)
            return
        }
        if healthy {
            logger.debug("recycling worker", metadata: [LogKey.workerPID: "\(worker.pid)", LogKey.workerFiles: "\(worker.filesHandled)"])
        } else {
            worker.kill()
        }
        // Closing stdin lets a healthy worker exit by itself; the reader thread reaps it.
        worker.closeInput()
        Task { await worker.waitForExit(timeout: .seconds(5)) }
    }

    /// Lets idle workers finish and exit; kills any that take longer than a few seconds.
    func shutdown() async {
        let workers = idle + Array(busy.values)
        idle.removeAll()
        busy.removeAll()
        for worker in workers { worker.closeInput() }
        for worker in workers { await worker.waitForExit(timeout: .seconds(5)) }
    }

    private func start() async throws(WorkerProcess.StartError) -> WorkerProcess {
        let worker = try WorkerProcess.spawn(executable: configuration.executable, arguments: configuration.arguments,
                                             environment: configuration.environment)
        do {
            let ready = try await worker.waitUntilReady(timeout: configuration.startTimeout)
            logger.info("worker started", metadata: [LogKey.workerPID: "\(ready.pid)", "formpipe.worker.memoryMB": "\(ready.memoryLimitMB)"])
            return worker
        } catch {
            logger.error("worker failed to start", metadata: [LogKey.reason: "\(error)"])
            throw error
        }
    }
}

extension WorkerPool.Configuration {
    /// `formpipe worker` processes as the daemon and `convert --jobs` start them: the one place the
    /// worker's command line and environment are written.
    static func workers(
        executable: String, formats: [OutputFormat], maxFileMB: Double, ocrLanguages: String, memoryLimitMB: Int,
        ocrEngine: OCREngineKind = .tesseract, debugDump: Bool = false, refreshesReviewIndex: Bool, size: Int, recycleAfter: Int
    ) -> Self {
        var environment = ProcessInfo.processInfo.environment
        // Tesseract's OpenMP threads make a page 5× slower on 2 cores and must be limited before the
        // process starts; fewer malloc arenas keep the address space (RLIMIT_AS) close to real use.
        environment["OMP_THREAD_LIMIT"] = "1"
        environment["MALLOC_ARENA_MAX"] = "2"
        // The Swift runtime's backtracer catches SIGSEGV/SIGABRT/… and then keeps the process alive
        // (measured: still running 15 s after `kill -SEGV`, with or without interactive=no), so a
        // crashed worker would hang its file until the time limit instead of dying and being reported.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        var arguments = [
            "worker", "--memory-mb", "\(memoryLimitMB)", "--max-file-mb", maxFileMB.plainText,
            "--formats", formats.map(\.rawValue).joined(separator: ","), "--ocr-languages", ocrLanguages,
            "--ocr-engine", ocrEngine.rawValue,
            "--parent-pid", "\(getpid())",
        ]
        if !refreshesReviewIndex { arguments.append("--no-review-index") }
        if debugDump { arguments.append("--debug") }
        return Self(executable: executable, arguments: arguments, environment: environment, size: size,
                    recycleAfter: recycleAfter)
    }
}
