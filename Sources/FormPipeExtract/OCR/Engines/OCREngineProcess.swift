#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A recognizer's own child process, spoken to synchronously: one request (a JSON line and the
/// image's bytes) on its stdin (a Unix socket), one JSON line back on its stdout. The child's stderr is this
/// process's, so a Python traceback lands in the worker's log and the daemon's stderr tail.
///
/// Started with `posix_spawn`, its stdin socket and stdout pipe close-on-exec in this process; it is
/// in this process's group, and when this process dies its stdin closes and it exits on its
/// own. The one place its pipes are closed and it is reaped is `deinit`.
final class OCREngineProcess {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    let pid: pid_t
    private let input: Int32
    private let output: Int32
    private var buffered: [UInt8] = []

    /// - Throws: `Failure` when the executable cannot be started.
    init(executable: String, arguments: [String], environment: [String: String]) throws(Failure) {
        // The request channel is a socket pair, not a pipe, so that a write to a dead child fails
        // with EPIPE (MSG_NOSIGNAL) instead of raising SIGPIPE in a process that may not ignore it.
        var ends: [[Int32]] = []
        for index in 0..<2 {
            var pair: [Int32] = [-1, -1]
            let made = index == 0 ? socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) : pipe(&pair)
            guard made == 0 else {
                ends.joined().forEach { close($0) }
                throw Failure(description: "cannot create a pipe: \(String(cString: strerror(errno)))")
            }
            pair.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
            ends.append(pair)
        }
        let (toChild, fromChild) = (ends[0], ends[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        // Ignored signals survive exec: the daemon's workers ignore SIGPIPE and SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(toChild[0])
        close(fromChild[1])
        guard status == 0 else {
            close(toChild[1])
            close(fromChild[0])
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        self.pid = pid
        self.input = toChild[1]
        self.output = fromChild[0]
    }

    deinit {
        close(input)
        close(output)
        // Closing its stdin ends the child's loop; SIGKILL only if it is stuck in a read.
        var status: Int32 = 0
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
    }

    /// Writes all of `bytes` to the child's stdin; a child that has died is a `Failure` here.
    func write(_ bytes: [UInt8]) throws(Failure) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.send(input, $0.baseAddress! + written, bytes.count - written, Int32(MSG_NOSIGNAL))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Failure(description: "the engine process stopped reading (\(String(cString: strerror(errno))))") }
            written += count
        }
    }

    /// The next line of the child's stdout, without its newline.
    func receiveLine() throws(Failure) -> [UInt8] {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffered[..<newline])
                buffered.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            let count = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Failure(description: "the engine process exited") }
            buffered += chunk[..<count]
        }
    }
}
