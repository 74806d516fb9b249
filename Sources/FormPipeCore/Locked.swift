import Synchronization

/// A value shared between threads, reachable only through ``withLock(_:)``: a `Mutex` in a box.
///
/// `Mutex` is not copyable, so a struct holding one could not be shared by the copies a closure or
/// a second thread captures; this class is the one reference they all share. Used where state is
/// shared with a plain thread (the worker pipes' reader) or a Dispatch handler, which actors cannot
/// serve synchronously.
package final class Locked<Value>: Sendable {
    private let mutex: Mutex<Value>

    package init(_ value: sending Value) {
        mutex = Mutex(value)
    }

    package func withLock<Result, Failure: Error>(
        _ body: (inout sending Value) throws(Failure) -> sending Result
    ) throws(Failure) -> sending Result {
        try mutex.withLock(body)
    }
}
