import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket standing in for systemd's notify socket: bound to a path (or an abstract
/// name), it collects the messages a daemon started with `NOTIFY_SOCKET` set sends.
final class NotifyTestSocket: @unchecked Sendable {
    /// The value for `NOTIFY_SOCKET`: a path, or `@name` for the abstract namespace.
    let address: String
    private let descriptor: Int32
    private let path: String?

    struct Message {
        var text: String
        var received: ContinuousClock.Instant
    }

    init(abstract: Bool) throws {
        let name = "formpipe-notify-\(UUID().uuidString.prefix(12))"
        path = abstract ? nil : FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        address = path ?? "@\(name)"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno)!) }
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(address.utf8)
        if abstract { bytes[0] = 0 }
        let length = withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            raw.copyBytes(from: bytes)
            return MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count
        }
        let status = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(length)) }
        }
        guard status == 0 else {
            let code = errno
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: code)!)
        }
    }

    deinit {
        close(descriptor)
        if let path { unlink(path) }
    }

    /// The next datagram, or nil when none arrives within `timeout`.
    func receive(timeout: Duration) -> Message? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&poller, 1, milliseconds) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { return nil }
        return Message(text: String(decoding: buffer[..<count], as: UTF8.self), received: .now)
    }

    /// Messages until one contains `line` (returned last), or all received until `timeout`.
    func receive(until line: String, timeout: Duration) -> [Message] {
        receive(timeout: timeout) { $0.lines.contains(line) }
    }

    /// Messages until one satisfies `isLast` (returned last), or all received until `timeout`.
    func receive(timeout: Duration, until isLast: (Message) -> Bool) -> [Message] {
        var messages: [Message] = []
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, let message = receive(timeout: deadline - .now) {
            messages.append(message)
            if isLast(message) { break }
        }
        return messages
    }

    /// Everything that arrives within `duration`.
    func collect(for duration: Duration) -> [Message] {
        var messages: [Message] = []
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            guard let message = receive(timeout: deadline - .now) else { continue }
            messages.append(message)
        }
        return messages
    }
}

extension NotifyTestSocket.Message {
    var lines: [String] { text.split(separator: "\n").map(String.init) }

    /// The value of `STATUS=`, if the message has one.
    var status: String? {
        lines.first { $0.hasPrefix("STATUS=") }.map { String($0.dropFirst("STATUS=".count)) }
    }
}
