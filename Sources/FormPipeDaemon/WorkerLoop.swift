#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SystemPackage
import FormPipeCore
import FormPipePipeline

/// The body of `formpipe worker`: converts the files the daemon sends, one at a time, until stdin
/// closes. Runs in its own process so a crash, a hang (killed at the deadline) or a memory blow-up
/// in Poppler or Tesseract costs one file, never the daemon.
public enum WorkerLoop {
    /// Exit status when the daemon that started the worker is gone.
    public static let orphanedExitCode: Int32 = 75

    /// With `options.refreshReviewIndex` false the worker never rewrites `OUTBOX/index.html`:
    /// `convert`'s workers leave that to the parent, which refreshes it once when the whole batch
    /// is done. Otherwise (the daemon's workers) it refreshes it when due, never once per file.
    public static func run(memoryLimitMB: Int, parentPID: pid_t, options: ConversionOptions) -> Int32 {
        // Belt and braces: the daemon spawns with closefrom(3), but a worker started another way
        // must not keep, say, a session lock alive.
        SystemCalls.closeInheritedDescriptors(above: 2, keeping: [])
        let memoryLimitMB = AddressSanitizer.isActive ? 0 : memoryLimitMB
        if memoryLimitMB > 0 {
            let bytes = rlim_t(memoryLimitMB) * 1024 * 1024
            var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
            guard setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0 else {
                FileHandle.standardError.write(Data("formpipe worker: cannot set the memory limit: \(Errno(rawValue: errno))\n".utf8))
                return 70
            }
        }
        // Replies go to a private copy of stdout; fd 1 itself is pointed at stderr so that anything a
        // C library prints cannot corrupt the protocol.
        let replies = FileDescriptor(rawValue: dup(1))
        _ = fcntl(replies.rawValue, F_SETFD, FD_CLOEXEC)
        _ = dup2(2, 1)
        watchParent(parentPID)

        func send(_ reply: WorkerProtocol.Reply) -> Bool {
            guard let line = try? WorkerProtocol.line(reply) else { return false }
            return (try? line.withUnsafeBytes { try replies.writeAll($0) }) != nil
        }
        guard send(WorkerProtocol.Reply(ready: .init(pid: getpid(), memoryLimitMB: memoryLimitMB))) else { return 74 }

        var batchOptions = options
        batchOptions.refreshReviewIndex = false
        let converter = Converter(options: batchOptions)
        var index = PendingIndexRefresh()
        while true {
            index.refreshIfDue(requestWaiting: { Self.requestWaiting(timeoutMilliseconds: $0) })
            guard let line = readLine(strippingNewline: true) else { break }
            guard let request = try? WorkerProtocol.decode(WorkerProtocol.Request.self, from: Data(line.utf8)) else {
                FileHandle.standardError.write(Data("formpipe worker: unreadable request: \(line.prefix(200))\n".utf8))
                return 65
            }
            let reply: WorkerProtocol.Reply
            do {
                let summary = try converter.convert(
                    file: URL(fileURLWithPath: request.input), displayName: request.displayName,
                    into: URL(fileURLWithPath: request.outbox, isDirectory: true), output: request.output)
                reply = WorkerProtocol.Reply(id: request.id, summary: summary)
                if options.refreshReviewIndex { index.mark(URL(fileURLWithPath: request.outbox, isDirectory: true)) }
            } catch {
                reply = WorkerProtocol.Reply(id: request.id, error: WorkerProtocol.WireError(error))
            }
            guard send(reply) else { return 74 }
        }
        index.refreshNow()
        return 0
    }

    /// Whether the daemon's next request is already readable on stdin, waiting up to `timeout`.
    private static func requestWaiting(timeoutMilliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, timeoutMilliseconds) > 0
    }

    /// Exits when the daemon is gone (killed with SIGKILL, it cannot stop its workers), so an orphan
    /// does not keep converting a file the restarted daemon is converting again. `PR_SET_PDEATHSIG`
    /// would be quicker but fires when the spawning *thread* exits, which in a thread pool is any time.
    private static func watchParent(_ parentPID: pid_t) {
        let thread = Thread {
            while getppid() == parentPID {
                usleep(200_000)
            }
            _exit(orphanedExitCode)
        }
        thread.name = "formpipe-parent-watch"
        thread.start()
    }
}
