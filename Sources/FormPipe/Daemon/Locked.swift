import Foundation

/// A value shared between threads, reachable only through ``withLock(_:)``.
///
/// `@unchecked Sendable` because the compiler cannot see the lock: every read and write of `value`
/// happens inside `withLock`, under `lock`. Used where state is shared with a plain thread (the worker
/// pipes' reader) or a Dispatch handler, which actors cannot serve synchronously.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
