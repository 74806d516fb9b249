#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SystemPackage
import FormPipeCore
import FormPipePipeline

/// One `formpipe worker` child process and its three pipes.
///
/// The child is started with `posix_spawn`: stdin/stdout/stderr are pipes, every other descriptor
/// is closed in the child (`closefrom`; all of ours are also close-on-exec), signal dispositions are
/// reset (ServiceLifecycle ignores SIGTERM/SIGINT in the daemon, and ignored signals survive exec),
/// and the child gets its own process group so a terminal's Ctrl-C reaches only the daemon, which
/// then drains. A dedicated thread polls stdout and stderr until both close, so the child can never
/// block on a full pipe; it then reaps the child with `waitpid` — the one place the pipes are closed
/// and the process is reaped.
final class WorkerProcess: Sendable {
    enum Event: Sendable {
        case line(Data)
        case exited(ProcessTermination)
    }

    /// How one conversion request ended.
    enum Attempt: Sendable {
        case converted(ConversionSummary)
        case failed(ConversionError)
        case timedOut(stderrTail: String)
        case crashed(ProcessTermination?, stderrTail: String, detail: String?)
        case cancelled

        /// Whether the worker can take the next file: it answered. A worker killed at the deadline,
        /// crashed, confused or interrupted is replaced.
        var leavesWorkerHealthy: Bool {
            switch self {
            case .converted, .failed: true
            case .timedOut, .crashed, .cancelled: false
            }
        }
    }

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    private struct State {
        var lines: [Data] = []
        var waiter: CheckedContinuation<Event, Never>?
        var termination: ProcessTermination?
        var stderrTail: [UInt8] = []
        var converted = 0
    }

    let pid: pid_t
    /// The write end of the worker's stdin; nil once closed. Its own lock, never taken by the reader
    /// thread, so a write can never hold up the draining of the worker's output.
    private let input: Locked<FileDescriptor?>
    private let state = Locked(State())

    /// How much of the worker's stderr is kept for error reports.
    static let stderrTailBytes = 8 * 1024

    private init(pid: pid_t, input: FileDescriptor) {
        self.pid = pid
        self.input = Locked(input)
    }

    deinit {
        closeInput()
    }

    /// Number of files this worker has converted (successfully or not) so far.
    var filesHandled: Int { state.withLock { $0.converted } }

    var hasExited: Bool { state.withLock { $0.termination != nil } }

    static func spawn(executable: String, arguments: [String], environment: [String: String]) throws(StartError) -> WorkerProcess {
        var pipes: [(read: Int32, write: Int32)] = []
        for _ in 0..<3 {
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else {
                pipes.forEach { close($0.read); close($0.write) }
                throw StartError(description: "cannot create a pipe: \(Errno(rawValue: errno))")
            }
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
            pipes.append((ends[0], ends[1]))
        }
        let (stdinPipe, stdoutPipe, stderrPipe) = (pipes[0], pipes[1], pipes[2])

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe.read, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe.write, 2)
        _ = SystemCalls.closeDescriptors(from: 3, in: &actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        // Fatal signals too: a worker must die of a crash, and be reported with its signal.
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1, SIGUSR2, SIGALRM, SIGCHLD, SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(stdinPipe.read)
        close(stdoutPipe.write)
        close(stderrPipe.write)
        guard status == 0 else {
            close(stdinPipe.write)
            close(stdoutPipe.read)
            close(stderrPipe.read)
            throw StartError(description: "cannot start \(executable): \(Errno(rawValue: status))")
        }
        let worker = WorkerProcess(pid: pid, input: FileDescriptor(rawValue: stdinPipe.write))
        let thread = Thread { [state = worker.state, pid] in
            Self.drain(stdout: stdoutPipe.read, stderr: stderrPipe.read, pid: pid, state: state)
        }
        thread.name = "formpipe-worker-\(pid)"
        thread.start()
        return worker
    }

    /// Waits for the worker's `ready` line.
    func waitUntilReady(timeout: Duration) async throws(StartError) -> WorkerProtocol.Ready {
        switch await nextEvent(deadline: timeout) {
        case .some(.line(let line)):
            if let ready = try? WorkerProtocol.decode(WorkerProtocol.Reply.self, from: line).ready { return ready }
            kill()
            throw StartError(description: "worker \(pid) sent \(String(decoding: line.prefix(200), as: UTF8.self)) instead of its ready line")
        case .some(.exited(let termination)):
            throw StartError(description: "worker \(pid) ended at start (\(termination)): \(stderrTail().split(separator: "\n").last ?? "")")
        case nil:
            kill()
            throw StartError(description: "worker \(pid) did not start within \(timeout)")
        }
    }

    /// Sends one request and waits for its reply, killing the worker at `timeout`.
    func convert(_ request: WorkerProtocol.Request, timeout: Duration) async -> Attempt {
        state.withLock {
            $0.stderrTail.removeAll(keepingCapacity: true)
            $0.converted += 1
        }
        do {
            let line = try WorkerProtocol.line(request)
            try input.withLock { input in
                guard let input else { throw Errno.badFileDescriptor }
                _ = try line.withUnsafeBytes { try input.writeAll($0) }
            }
        } catch {
            // The worker died before it could read: its exit status explains more than EPIPE.
            if case .exited(let termination) = await nextEvent() {
                return .crashed(termination, stderrTail: stderrTail(), detail: nil)
            }
            return .crashed(nil, stderrTail: stderrTail(), detail: "cannot send the request: \(error)")
        }
        let event = await nextEvent(deadline: timeout)
        switch event {
        case .some(.line(let line)):
            guard let reply = try? WorkerProtocol.decode(WorkerProtocol.Reply.self, from: line), reply.id == request.id else {
                kill()
                return .crashed(nil, stderrTail: stderrTail(), detail: "unreadable reply: \(String(decoding: line.prefix(200), as: UTF8.self))")
            }
            if let summary = reply.summary { return .converted(summary) }
            if let error = reply.error { return .failed(error.conversionError) }
            kill()
            return .crashed(nil, stderrTail: stderrTail(), detail: "reply without summary or error")
        case .some(.exited(let termination)):
            return .crashed(termination, stderrTail: stderrTail(), detail: nil)
        case nil:
            return Task.isCancelled ? .cancelled : .timedOut(stderrTail: stderrTail())
        }
    }

    /// The next event, or nil when `deadline` passed or the task was cancelled first — in which case
    /// the worker has been killed (there is no other way to stop a conversion in progress).
    private func nextEvent(deadline: Duration) async -> Event? {
        await withTaskGroup(of: Event?.self) { group in
            group.addTask { await self.nextEvent() }
            group.addTask {
                try? await Task.sleep(for: deadline)
                return nil
            }
            let first = await group.next() ?? nil
            if let first {
                group.cancelAll()
                return first
            }
            kill()
            // The event after the kill: its exit, or a reply that was already on its way (discarded:
            // the deadline had passed; the file goes to failed/ and the outputs it published stay).
            _ = await group.next()
            return nil
        }
    }

    /// The next line or the exit, whichever the reader thread delivers first.
    private func nextEvent() async -> Event {
        await withCheckedContinuation { continuation in
            state.withLock { state in
                if !state.lines.isEmpty {
                    continuation.resume(returning: .line(state.lines.removeFirst()))
                } else if let termination = state.termination {
                    continuation.resume(returning: .exited(termination))
                } else {
                    state.waiter = continuation
                }
            }
        }
    }

    func stderrTail() -> String {
        state.withLock { String(decoding: $0.stderrTail, as: UTF8.self) }
    }

    /// SIGKILL: the only signal a stuck C library call cannot delay.
    func kill() {
        state.withLock { state in
            if state.termination == nil { _ = Glibc.kill(pid, SIGKILL) }
        }
    }

    /// Closes the worker's stdin: it finishes and exits on its own.
    func closeInput() {
        input.withLock { input in
            try? input?.close()
            input = nil
        }
    }

    /// Waits (up to `timeout`) until the process has been reaped; kills it if it has not exited by then.
    func waitForExit(timeout: Duration) async {
        if hasExited { return }
        if await nextEvent(deadline: timeout) == nil { return }
        while !hasExited {
            if case .exited = await nextEvent() { return }
        }
    }

    // MARK: - Reader thread

    private static func drain(stdout: Int32, stderr: Int32, pid: pid_t, state: Locked<State>) {
        var descriptors = [pollfd(fd: stdout, events: Int16(POLLIN), revents: 0), pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)]
        var pendingLine: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)
        defer { buffer.deallocate() }
        while descriptors.contains(where: { $0.fd >= 0 }) {
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in descriptors.indices where descriptors[index].fd >= 0 && descriptors[index].revents != 0 {
                let count = read(descriptors[index].fd, buffer.baseAddress, buffer.count)
                if count < 0, errno == EINTR || errno == EAGAIN { continue }
                if count <= 0 {
                    close(descriptors[index].fd)
                    descriptors[index].fd = -1
                    continue
                }
                let bytes = UnsafeRawBufferPointer(rebasing: buffer[..<count])
                if index == 0 {
                    pendingLine.append(contentsOf: bytes)
                    while let newline = pendingLine.firstIndex(of: 0x0A) {
                        deliver(.line(Data(pendingLine[..<newline])), to: state)
                        pendingLine.removeSubrange(...newline)
                    }
                } else {
                    state.withLock { state in
                        state.stderrTail.append(contentsOf: bytes)
                        if state.stderrTail.count > stderrTailBytes {
                            state.stderrTail.removeFirst(state.stderrTail.count - stderrTailBytes)
                        }
                    }
                }
            }
        }
        for descriptor in descriptors where descriptor.fd >= 0 { close(descriptor.fd) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        deliver(.exited(ProcessTermination(waitStatus: status)), to: state)
    }

    private static func deliver(_ event: Event, to state: Locked<State>) {
        state.withLock { state in
            if case .exited(let termination) = event { state.termination = termination }
            if let waiter = state.waiter {
                state.waiter = nil
                waiter.resume(returning: event)
            } else if case .line(let line) = event {
                state.lines.append(line)
            }
        }
    }
}
