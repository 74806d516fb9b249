import Foundation
import FormPipeCore

/// The content of `failed/NAME.error.json`: why the file beside it could not be converted.
public struct FailureReport: Codable, Sendable, Equatable {
    /// The failed file's name in `failed/` (may carry a `-2` collision suffix).
    public var file: String
    /// One line a user can act on.
    public var reason: String
    /// `ConversionError.Code` for pipeline errors; the daemon's own codes are `symlink`,
    /// `not-regular-file`, `too-large`, `timeout`, `worker-crashed`, `memory-limit` and `worker-unavailable`.
    public var code: String
    /// The pipeline stage that failed, when known.
    public var stage: String?
    /// How the worker process ended, for crashes and time-outs ("signal 9 (SIGKILL)").
    public var worker: WorkerExit?
    /// The last lines the worker wrote to stderr while converting this file.
    public var stderrTail: String?
    public var attempts: Int
    public var sha256: String?
    public var failedAt: Date
    /// The file's identity, so a daemon restarted between writing this report and moving the file
    /// recognises the report as its own and reuses the name.
    public var source: SourceIdentity

    public struct WorkerExit: Codable, Sendable, Equatable {
        public var exitStatus: Int32?
        public var signal: Int32?
        public var description: String

        init(_ termination: ProcessTermination) {
            switch termination {
            case .exited(let code): exitStatus = code
            case .signaled(let signal): self.signal = signal
            }
            description = termination.description
        }
    }

    public struct SourceIdentity: Codable, Sendable, Equatable {
        public var device: UInt64
        public var inode: UInt64
    }

    static let suffix = ".error.json"

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    static func decode(_ data: Data) -> FailureReport? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(FailureReport.self, from: data)
    }
}

extension ConversionError.Code {
    /// The conversion outlasted `fileTimeoutSeconds`.
    public static let timeout = Self(rawValue: "timeout")
    /// The worker process died while converting.
    public static let workerCrashed = Self(rawValue: "worker-crashed")
    /// The worker died after running out of its `workerMemoryMB` address space.
    public static let memoryLimit = Self(rawValue: "memory-limit")
    /// No worker process could be started.
    public static let workerUnavailable = Self(rawValue: "worker-unavailable")
}
