import Foundation
import Logging
import FormPipeConfig
import FormPipeCore
import Synchronization

/// Writes each log event as one line on stderr: readable text or a JSON object (`logFormat`).
///
/// Values are escaped so an event is always exactly one line (a worker's stderr tail has newlines).
/// Lines are written with one `write` under a lock so events from different threads never interleave.
struct LineLogHandler: LogHandler {
    let label: String
    let format: PipelineConfig.LogFormat
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    private static let output = Mutex(())

    init(label: String, format: PipelineConfig.LogFormat) {
        self.label = label
        self.format = format
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        let time = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let line: String
        switch format {
        case .human:
            let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted("\($0.value)"))" }
            line = ([time, event.level.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0), event.message.description] + fields)
                .joined(separator: " ")
        case .json:
            var fields = [("time", time), ("level", event.level.rawValue), ("label", label), ("message", event.message.description)]
            fields += all.sorted { $0.key < $1.key }.map { ($0.key, "\($0.value)") }
            line = "{" + fields.map { "\(Self.jsonString($0.0)):\(Self.jsonString($0.1))" }.joined(separator: ",") + "}"
        }
        let data = Data((line + "\n").utf8)
        Self.output.withLock { _ in FileHandle.standardError.write(data) }
    }

    /// Quotes values with spaces, quotes or control characters, escaping them, so a line stays a line.
    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true })
        else { return value }
        return jsonString(value)
    }

    static func jsonString(_ value: String) -> String {
        JSONValue.string(value).compact()
    }
}
