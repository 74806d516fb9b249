/// Why one input file could not be converted. The message is one line a user can act on.
public struct ConversionError: Error, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let empty = Code(rawValue: "empty")
        public static let notSupported = Code(rawValue: "not-supported")
        public static let damaged = Code(rawValue: "damaged")
        public static let encrypted = Code(rawValue: "encrypted")
        public static let unreadable = Code(rawValue: "unreadable")
        /// Text whose bytes are neither UTF-8, UTF-16 with a byte-order mark, nor GB18030.
        public static let badEncoding = Code(rawValue: "bad-encoding")
        public static let noForm = Code(rawValue: "no-form")
        public static let tooLarge = Code(rawValue: "too-large")
        public static let outputFailed = Code(rawValue: "output-failed")
        public static let ocrUnavailable = Code(rawValue: "ocr-unavailable")
    }

    public enum Stage: String, Sendable, Codable {
        case intake, extract, layout, repair, record, emit
    }

    public var code: Code
    /// The input's file name as the user sees it.
    public var file: String
    public var stage: Stage
    public var reason: String
    /// Whether trying again later may succeed (disk full, permission): the daemon retries these.
    public var isTransient: Bool

    public init(_ code: Code, file: String, stage: Stage, _ reason: String, transient: Bool = false) {
        self.code = code
        self.file = file
        self.stage = stage
        self.reason = reason
        self.isTransient = transient
    }

    /// One line: a control character in the name (`"n\n1.txt"`) is shown escaped, not obeyed.
    public var description: String { "\(file): \(reason)".withVisibleControlCharacters }
}

extension ConversionError {
    /// A file over `maxFileMB`, worded alike by `convert` and the daemon.
    package static func tooLarge(file: String, bytes: Int, limitMB: Double) -> ConversionError {
        let megabytes = Double(bytes) / 1_048_576
        return ConversionError(.tooLarge, file: file, stage: .intake,
            "is \(megabytes.formatted(.number.precision(.fractionLength(1)))) MB, over the \(limitMB.plainText) MB limit; raise maxFileMB in pipeline.json to accept it")
    }
}
