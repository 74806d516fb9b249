import Foundation
import FormPipeCore
import FormPipeEmit
import FormPipePipeline

/// The messages between the daemon and a `formpipe worker` process: one JSON object per line, the
/// daemon's requests on the worker's stdin, the worker's replies on its stdout. stderr is free text
/// (library warnings), drained by the daemon and kept as a tail for error reports.
public enum WorkerProtocol {
    /// Daemon → worker: convert one file.
    public struct Request: Codable, Sendable, Equatable {
        public var id: Int
        public var input: String
        public var displayName: String
        public var outbox: String
        /// The output folder reserved for the input when it was claimed; absent, the worker reserves one.
        public var output: OutputFolderReservations.Claim?

        public init(id: Int, input: String, displayName: String, outbox: String, output: OutputFolderReservations.Claim? = nil) {
            self.id = id
            self.input = input
            self.displayName = displayName
            self.outbox = outbox
            self.output = output
        }
    }

    /// Worker → daemon: the first line after start (`ready`), then one reply per request.
    public struct Reply: Codable, Sendable {
        public var id: Int?
        public var ready: Ready?
        public var summary: ConversionSummary?
        public var error: WireError?

        public init(id: Int? = nil, ready: Ready? = nil, summary: ConversionSummary? = nil, error: WireError? = nil) {
            self.id = id
            self.ready = ready
            self.summary = summary
            self.error = error
        }
    }

    public struct Ready: Codable, Sendable, Equatable {
        public var pid: Int32
        public var memoryLimitMB: Int
    }

    /// `ConversionError` as it travels over the pipe.
    public struct WireError: Codable, Sendable, Equatable {
        public var code: String
        public var file: String
        public var stage: String
        public var reason: String
        public var transient: Bool

        public init(_ error: ConversionError) {
            code = error.code.rawValue
            file = error.file
            stage = error.stage.rawValue
            reason = error.reason
            transient = error.isTransient
        }

        public var conversionError: ConversionError {
            ConversionError(ConversionError.Code(rawValue: code), file: file, stage: ConversionError.Stage(rawValue: stage) ?? .intake,
                            reason, transient: transient)
        }
    }

    /// One message as a line, ready to write (compact JSON never contains a raw newline).
    public static func line(_ message: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var data = try encoder.encode(message)
        data.append(0x0A)
        return data
    }

    public static func decode<Message: Decodable>(_ type: Message.Type, from line: Data) throws -> Message {
        try JSONDecoder().decode(type, from: line)
    }
}
