import Dispatch

/// Runs blocking file work (hashing a 100 MB input, moving files) on a Dispatch queue instead of
/// the cooperative thread pool, which has only as many threads as cores and must not be stalled.
package enum BlockingIO {
    private static let queue = DispatchQueue(label: "formpipe.blocking-io", qos: .utility, attributes: .concurrent)

    package static func run<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Swift.Result { try body() }) }
        }
    }
}
