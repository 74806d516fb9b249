import Foundation

/// Which files `convert` writes besides the repair log and manifest.
public enum OutputFormat: String, Sendable, Codable, CaseIterable {
    case json, xml
}

public struct ConversionOptions: Sendable {
    public var formats: Set<OutputFormat>
    /// Write `debug/` with the words, rulings and cells of every page.
    public var debugDump: Bool

    public init(formats: Set<OutputFormat> = [.json, .xml], debugDump: Bool = false) {
        self.formats = formats
        self.debugDump = debugDump
    }
}

/// What one successful conversion produced; also the worker → daemon reply.
public struct ConversionSummary: Sendable, Codable {
    public var file: String
    public var outputFolder: String
    public var inputKind: InputKind
    public var pages: Int
    public var forms: Int
    public var repairs: Int
    public var findings: Int
    public var sha256: String
    public var milliseconds: Double
}

/// Runs the pipeline for one file: intake → extract → layout → repair → record → emit.
public struct Converter: Sendable {
    public var options: ConversionOptions

    public init(options: ConversionOptions = ConversionOptions()) {
        self.options = options
    }

    /// Converts `file` and publishes `outputRoot/NAME/` atomically (NAME is the sanitized file
    /// name without its extension). On error nothing is left in `outputRoot`.
    public func convert(file: URL, displayName: String? = nil, into outputRoot: URL) throws(ConversionError)
        -> ConversionSummary
    {
        let name = displayName ?? file.lastPathComponent
        throw ConversionError(.notSupported, file: name, stage: .intake, "the pipeline is not assembled yet")
    }
}
