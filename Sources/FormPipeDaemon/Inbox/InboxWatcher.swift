#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import SystemPackage
import FormPipeCore

/// Watches the inbox folder with inotify and delivers what changed as an async sequence.
///
/// Foundation has no directory watching on Linux, so this reads the raw inotify descriptor: a
/// Dispatch read source on its own serial queue calls the handler when events are waiting, the
/// handler reads them all (the descriptor is non-blocking), parses them (``InotifyEvent/parse(_:)``)
/// and yields the inbox changes. Losing events is tolerated by design — on `IN_Q_OVERFLOW` the daemon
/// rescans, and it rescans periodically anyway.
public final class InboxWatcher: Sendable {
    public let changes: AsyncStream<[InboxChange]>
    private let inotify: InotifyHandle
    private let source: DispatchSourceBox

    public init(directory: FilePath) throws(Errno) {
        let inotify = try InotifyHandle(directory: directory)
        let (stream, continuation) = AsyncStream<[InboxChange]>.makeStream(bufferingPolicy: .unbounded)
        let source = DispatchSource.makeReadSource(fileDescriptor: inotify.descriptor, queue: DispatchQueue(label: "formpipe.inbox-watcher"))
        // `@Sendable`: without it a handler written in main-actor code is inferred main-actor
        // isolated and traps at run time on the source's queue.
        source.setEventHandler(handler: { @Sendable in
            let changes = inotify.readChanges()
            if !changes.isEmpty { continuation.yield(changes) }
        })
        source.setCancelHandler(handler: { @Sendable in
            continuation.finish()
            inotify.close()  // only after cancellation: Dispatch may still be reading the descriptor before
        })
        self.inotify = inotify
        self.source = DispatchSourceBox(source)
        self.changes = stream
        source.resume()
    }

    /// Watches the folder again after it was deleted or moved and re-created (`watchLost`).
    public func rewatch() throws(Errno) {
        try inotify.addWatch()
    }

    /// Stops watching; `changes` then ends. The descriptor is closed by the source's cancel handler.
    public func stop() {
        source.source.cancel()
    }
}

/// `DispatchSourceRead` is not declared `Sendable`; it is thread-safe (Dispatch synchronises
/// `cancel()` and handler delivery), and this box only exposes it to call `cancel()`.
private final class DispatchSourceBox: @unchecked Sendable {
    let source: any DispatchSourceRead
    init(_ source: any DispatchSourceRead) { self.source = source }
}

/// The inotify descriptor and its read buffer: opened in `init`, closed in ``close()`` — the only
/// place — which the Dispatch source's cancel handler calls once.
///
/// `@unchecked Sendable`: the buffer is touched only by `readChanges()`, which runs on the source's
/// serial queue; `descriptor` is immutable; the watch number is behind a lock.
private final class InotifyHandle: @unchecked Sendable {
    let descriptor: Int32
    private let directory: FilePath
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: MemoryLayout<Int32>.alignment)
    private let watch = Locked<Int32>(-1)

    init(directory: FilePath) throws(Errno) {
        #if os(Linux)
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            buffer.deallocate()
            throw Errno(rawValue: errno)
        }
        self.descriptor = descriptor
        self.directory = directory
        do {
            try addWatch()
        } catch {
            close()
            throw error
        }
        #else
        buffer.deallocate()
        throw Errno.notSupported
        #endif
    }

    func addWatch() throws(Errno) {
        #if os(Linux)
        let number = directory.withPlatformString { inotify_add_watch(descriptor, $0, InotifyMask.inboxWatch.rawValue) }
        guard number >= 0 else { throw Errno(rawValue: errno) }
        watch.withLock { $0 = number }
        #endif
    }

    func readChanges() -> [InboxChange] {
        var changes: [InboxChange] = []
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count <= 0 { break }  // EAGAIN: drained
            changes += InotifyEvent.parse(UnsafeRawBufferPointer(rebasing: buffer[..<count])).compactMap(InboxChange.init)
        }
        return changes
    }

    func close() {
        _ = Glibc.close(descriptor)
        buffer.deallocate()
    }
}
