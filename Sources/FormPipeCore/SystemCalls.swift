#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSystemSupport
import SystemPackage

/// The file and process calls the daemon makes, with Swift names and errors.
///
/// `renameat2` comes from the package's `CSystemSupport` shim. Swift's `Glibc` module is built
/// without `_GNU_SOURCE`, which also hides `posix_spawn_file_actions_addclosefrom_np` (glibc ≥ 2.34;
/// Debian 12 has 2.36): that one is looked up once with `dlsym`, and where it is missing workers
/// close inherited descriptors themselves at start.
package enum SystemCalls {
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// Bound lazily; a `dlsym` result is an immutable function pointer, safe to share.
    private static let addCloseFrom: AddCloseFrom? = lookUp("posix_spawn_file_actions_addclosefrom_np")

    private static func lookUp<Function>(_ name: String) -> Function? {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }  // RTLD_DEFAULT
        return unsafeBitCast(symbol, to: Function.self)
        #else
        return nil
        #endif
    }

    /// Moves `source` to `destination` unless `destination` exists (then throws `.fileExists`).
    ///
    /// The corresponding C call is `renameat2(…, RENAME_NOREPLACE)`: one atomic step, so a crash
    /// leaves the file in exactly one of the two places. Where the file system does not support it
    /// (`EINVAL`, e.g. NFS) it falls back to `link` + `unlink`, which also never replaces but can leave
    /// a second name behind if the process dies between the two calls.
    package static func moveWithoutReplacing(_ source: FilePath, to destination: FilePath) throws(Errno) {
        let result: Int32 = source.withPlatformString { from in
            destination.withPlatformString { to in
                if formpipe_rename_noreplace(from, to) == 0 { return 0 }
                if errno != EINVAL && errno != ENOSYS { return errno }
                if link(from, to) != 0 { return errno }
                if unlink(from) != 0 { return errno }
                return 0
            }
        }
        if result != 0 { throw Errno(rawValue: result) }
    }

    /// Moves `source` to `destination`, replacing it. The corresponding C function is `rename`.
    package static func move(_ source: FilePath, to destination: FilePath) throws(Errno) {
        let result = source.withPlatformString { from in
            destination.withPlatformString { to in rename(from, to) == 0 ? 0 : errno }
        }
        if result != 0 { throw Errno(rawValue: result) }
    }

    /// Makes a spawned child close every descriptor from `lowest` up, so nothing the daemon has open
    /// (inotify, locks, other workers' pipes) leaks into it. Returns false where unsupported.
    package static func closeDescriptors(from lowest: Int32, in actions: inout posix_spawn_file_actions_t) -> Bool {
        guard let addCloseFrom else { return false }
        return addCloseFrom(&actions, lowest) == 0
    }

    /// Information about a file without following a final symbolic link. The C function is `lstat`.
    package static func linkStatus(_ path: FilePath) -> stat? {
        var info = stat()
        let status = path.withPlatformString { lstat($0, &info) }
        return status == 0 ? info : nil
    }

    /// Information about a file, following symbolic links (for folders). The C function is `stat`.
    package static func fileStatus(_ path: FilePath) -> stat? {
        var info = stat()
        let status = path.withPlatformString { stat($0, &info) }
        return status == 0 ? info : nil
    }

    /// Closes every descriptor above `lowest` that this process inherited (used by workers at start,
    /// in case a parent without `closefrom` support leaked some).
    package static func closeInheritedDescriptors(above lowest: Int32, keeping keep: Set<Int32>) {
        #if os(Linux)
        guard let directory = opendir("/proc/self/fd") else { return }
        let own = dirfd(directory)
        var toClose: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if let fd = Int32(name), fd > lowest, fd != own, !keep.contains(fd) { toClose.append(fd) }
        }
        closedir(directory)
        for fd in toClose { close(fd) }
        #endif
    }
}

/// How a child process ended, decoded from a `waitpid` status (the `WIFEXITED` family are macros
/// Swift cannot import).
public enum ProcessTermination: Sendable, Equatable, Codable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    package init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    public var description: String {
        switch self {
        case .exited(let code): "exit status \(code)"
        case .signaled(let signal): "signal \(signal) (\(Self.signalName(signal)))"
        }
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGKILL: "SIGKILL"
        case SIGSEGV: "SIGSEGV"
        case SIGABRT: "SIGABRT"
        case SIGBUS: "SIGBUS"
        case SIGILL: "SIGILL"
        case SIGTRAP: "SIGTRAP"
        case SIGFPE: "SIGFPE"
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGPIPE: "SIGPIPE"
        default: "SIG\(signal)"
        }
    }
}
