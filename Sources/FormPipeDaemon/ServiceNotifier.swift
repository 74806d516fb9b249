#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The daemon's side of systemd's notify protocol (`sd_notify(3)`), without libsystemd: each
/// message is one datagram of `KEY=VALUE` lines sent to the `AF_UNIX` socket named in
/// `NOTIFY_SOCKET` (a path, or `@name` in the abstract namespace).
///
/// systemd (with `Type=notify`) waits for `READY=1` before it counts the service as started,
/// restarts it when `WATCHDOG=1` stops arriving within `WatchdogSec=`, and shows `STATUS=` in
/// `systemctl status`. Outside systemd there is no `NOTIFY_SOCKET` and ``fromEnvironment()``
/// returns nil: the daemon runs the same, silently.
public final class ServiceNotifier: Sendable {
    /// The socket address, with the leading NUL of an abstract name already in place.
    private let address: [UInt8]
    private let socket: Int32
    /// How often the main loop should send `WATCHDOG=1`: half of `WATCHDOG_USEC`, as
    /// `sd_watchdog_enabled(3)` advises, so one late ping is not yet a missed one. Nil when
    /// the service manager set no watchdog (or set it for another process).
    public let watchdogInterval: Duration?

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID`, then removes them from this
    /// process's environment, so worker processes started later do not inherit them and
    /// cannot speak for the daemon.
    public static func fromEnvironment() -> ServiceNotifier? {
        let environment = ProcessInfo.processInfo.environment
        defer {
            for name: String in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] { unsetenv(name) }
        }
        guard let path = environment["NOTIFY_SOCKET"], let address = socketAddress(path) else { return nil }
        var interval: Duration?
        let pidMatches = environment["WATCHDOG_PID"].map { Int32($0) == getpid() } ?? true
        if pidMatches, let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 {
            interval = .microseconds(microseconds / 2)
        }
        return ServiceNotifier(address: address, watchdogInterval: interval)
    }

    /// The bytes of `sun_path` for a `NOTIFY_SOCKET` value, or nil for one systemd would not
    /// send either (empty, relative, too long for `sockaddr_un`).
    static func socketAddress(_ value: String) -> [UInt8]? {
        var bytes = Array(value.utf8)
        switch bytes.first {
        case UInt8(ascii: "@"): bytes[0] = 0  // abstract namespace: the name follows a NUL byte
        case UInt8(ascii: "/"): break
        default: return nil
        }
        let capacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
        guard bytes.count > 1, bytes.count < capacity else { return nil }
        return bytes
    }

    private init?(address: [UInt8], watchdogInterval: Duration?) {
        let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        self.socket = descriptor
        self.address = address
        self.watchdogInterval = watchdogInterval
    }

    deinit { close(socket) }

    /// Once the inbox is watched and claimed files are taken up: systemd starts units ordered
    /// after this one, and `systemctl start` returns.
    public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }

    /// From the main loop, every ``watchdogInterval``: proof that the loop still turns.
    public func watchdog() { send("WATCHDOG=1") }

    /// At the start of a drain: systemd shows the unit as deactivating while files finish.
    public func stopping(status: String) { send("STOPPING=1\nSTATUS=\(status)") }

    /// The one line `systemctl status` shows under the unit.
    public func status(_ text: String) { send("STATUS=\(text)") }

    /// Sends one datagram. A lost message is not worth stopping for: systemd either gets the
    /// next one or, for READY, times the start out and says so in its own log.
    @discardableResult
    func send(_ message: String) -> Bool {
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        let length = withUnsafeMutableBytes(of: &storage.sun_path) { path in
            path.copyBytes(from: address)
            return MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + address.count
        }
        let payload = Array(message.utf8)
        let sent = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                payload.withUnsafeBytes { bytes in
                    sendto(socket, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), socketAddress, socklen_t(length))
                }
            }
        }
        return sent == payload.count
    }
}
