import Foundation
import Logging
import FormPipeCore
import FormPipeExtract
import FormPipeEmit

extension PipelineConfig {
    /// Reads and validates a `pipeline.json`. Folder paths are resolved against the file's folder.
    ///
    /// Throws a ``ConfigError`` whose description is the one line to show the user: a missing or
    /// unreadable file, invalid JSON, an unknown key, a wrong type or range, or an output folder
    /// inside (or equal to) the inbox.
    public static func load(from file: URL) throws(ConfigError) -> PipelineConfig {
        let name = file.relativePath
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            let missing = !FileManager.default.fileExists(atPath: file.path)
            throw missing
                ? ConfigError(.fileNotFound, file: name, "not found: create it (the repository's pipeline.json has every default) or pass --config PATH")
                : ConfigError(.unreadable, file: name, "cannot be read: \(error.localizedDescription)")
        }
        return try parse(data, file: file)
    }

    /// Validates the contents of a config file; `file` names it in messages and anchors relative paths.
    public static func parse(_ data: Data, file: URL) throws(ConfigError) -> PipelineConfig {
        let name = file.relativePath
        let root: ConfigValue
        do {
            // The one JSON parser, refusing what RFC 8259 leaves open: a hand-edited file with a
            // key twice or a stray byte must not quietly mean something else.
            root = ConfigValue(try JSONValueParser.parse(utf8: Array(data), refusing: [.duplicateKeys, .utf8]))
        } catch {
            throw ConfigError(.invalidJSON, file: name, "is not valid JSON: \(error)")
        }
        guard case .object(let settings) = root else {
            throw ConfigError(.notAnObject, file: name, "must be a JSON object of settings, got \(root.summary)")
        }
        let directory = file.absoluteURL.deletingLastPathComponent()
        var config = PipelineConfig(directory: directory, sourceFile: file.absoluteURL)
        // Sorted so that a file with several problems always reports the same one first.
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
            do {
                try config.apply(key: key, value: value, directory: directory)
            } catch let problem {
                throw ConfigError(problem.kind, file: name, key: key, problem.message)
            }
        }
        try config.validateFolders(fileName: name)
        return config
    }

    /// All keys a config file may contain.
    public static let keys: [String] = [
        "inbox", "outbox", "archive", "failed", "work", "workers", "settleSeconds", "rescanSeconds",
        "pollingOnly", "fileTimeoutSeconds", "workerMemoryMB", "workerRecycleAfter", "maxFileMB",
        "shutdownGraceSeconds", "outputFormats", "logFormat", "logLevel", "ocrLanguages",
        "postgres",
        "ocrEngine",
    ]

    private struct Problem: Error {
        var kind: ConfigError.Kind
        var message: String
        static func type(_ expected: String, _ value: ConfigValue) -> Problem {
            Problem(kind: .wrongType, message: "must be \(expected), got \(value.summary)")
        }
        static func range(_ expected: String, _ value: ConfigValue) -> Problem {
            Problem(kind: .outOfRange, message: "must be \(expected), got \(value.summary)")
        }
    }

    private mutating func apply(key: String, value: ConfigValue, directory: URL) throws(Problem) {
        switch key {
        case "inbox": inbox = try Self.folder(value, directory)
        case "outbox": outbox = try Self.folder(value, directory)
        case "archive": archive = try Self.folder(value, directory)
        case "failed": failed = try Self.folder(value, directory)
        case "work": work = try Self.folder(value, directory)
        case "workers":
            let count = try Self.integer(value, in: 0...256)
            workers = count == 0 ? Self.coreCount : count
        case "settleSeconds": settleSeconds = try Self.seconds(value, in: 0...3600)
        case "rescanSeconds": rescanSeconds = try Self.seconds(value, in: 0.05...86_400)
        case "pollingOnly":
            guard case .bool(let flag) = value else { throw .type("true or false", value) }
            pollingOnly = flag
        case "fileTimeoutSeconds": fileTimeoutSeconds = try Self.seconds(value, in: 0.001...86_400)
        case "workerMemoryMB":
            let megabytes = try Self.integer(value, in: 0...1_048_576)
            guard megabytes == 0 || megabytes >= 256 else {
                throw .range("0 (no limit) or at least 256: a Swift process with Poppler reserves ~200 MB of address space at start", value)
            }
            workerMemoryMB = megabytes
        case "workerRecycleAfter": workerRecycleAfter = try Self.integer(value, in: 1...1_000_000)
        case "maxFileMB":
            guard let megabytes = value.numberValue else { throw .type("a number of megabytes", value) }
            guard megabytes > 0, megabytes <= 1_048_576 else { throw .range("more than 0 and at most 1048576", value) }
            maxFileMB = megabytes
        case "shutdownGraceSeconds": shutdownGraceSeconds = try Self.seconds(value, in: 0...3600)
        case "outputFormats":
            guard case .array(let items) = value else { throw .type("an array such as [\"json\", \"xml\"]", value) }
            var formats: [OutputFormat] = []
            for item in items {
                guard case .string(let text) = item, let format = OutputFormat(rawValue: text) else {
                    throw .range("an array of \"json\" and/or \"xml\"; \(item.summary) is not a format", value)
                }
                if !formats.contains(format) { formats.append(format) }
            }
            guard !formats.isEmpty else { throw .range("a non-empty array of \"json\" and/or \"xml\"", value) }
            outputFormats = formats
        case "logFormat":
            guard case .string(let text) = value else { throw .type("\"human\" or \"json\"", value) }
            guard let format = LogFormat(rawValue: text) else { throw .range("\"human\" or \"json\"", value) }
            logFormat = format
        case "logLevel":
            let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            guard case .string(let text) = value else { throw .type("one of \(levels)", value) }
            guard let level = Logger.Level(rawValue: text) else { throw .range("one of \(levels)", value) }
            logLevel = level
        case "ocrLanguages":
            guard case .string(let text) = value else { throw .type("a string such as \"chi_sim+eng\"", value) }
            let valid = !text.isEmpty && text.split(separator: "+", omittingEmptySubsequences: false).allSatisfy { part in
                !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            }
            guard valid else { throw .range("Tesseract language names joined by '+', such as \"chi_sim+eng\"", value) }
            ocrLanguages = text
        case "postgres":
            // null, as the repository's pipeline.json lists it: no database.
            if value == .null { postgres = nil; break }
            do {
                postgres = try PostgresSinkSettings(config: value, directory: directory)
            } catch {
                throw Problem(kind: .outOfRange, message: error.description)
            }
        case "ocrEngine":
            let names = OCREngineKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            guard case .string(let text) = value else { throw .type(names, value) }
            guard let engine = OCREngineKind(rawValue: text) else { throw .range(names, value) }
            ocrEngine = engine
        default:
            let hint = Self.closestKey(to: key).map { " (did you mean '\($0)'?)" } ?? ""
            throw Problem(kind: .unknownKey, message: "is not a setting\(hint); valid keys: \(Self.keys.joined(separator: ", "))")
        }
    }

    static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    private static func folder(_ value: ConfigValue, _ directory: URL) throws(Problem) -> URL {
        guard case .string(let path) = value else { throw .type("a folder path (string)", value) }
        guard !path.isEmpty, !path.contains("\0") else { throw .range("a non-empty folder path", value) }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path, isDirectory: true)
            : directory.appendingPathComponent(path, isDirectory: true)
        return url.standardizedFileURL
    }

    private static func integer(_ value: ConfigValue, in range: ClosedRange<Int>) throws(Problem) -> Int {
        let whole: Int
        switch value {
        case .integer(let number) where number >= Int64(Int.min) && number <= Int64(Int.max): whole = Int(number)
        case .number(let number) where number.rounded() == number && abs(number) < 1e15: whole = Int(number)
        default: throw .type("a whole number from \(range.lowerBound) to \(range.upperBound)", value)
        }
        guard range.contains(whole) else { throw .range("from \(range.lowerBound) to \(range.upperBound)", value) }
        return whole
    }

    private static func seconds(_ value: ConfigValue, in range: ClosedRange<Double>) throws(Problem) -> Double {
        guard let number = value.numberValue else { throw .type("a number of seconds", value) }
        guard range.contains(number) else {
            throw .range("from \(range.lowerBound.plainText) to \(range.upperBound.plainText) seconds", value)
        }
        return number
    }

    /// A folder the daemon writes into must not be (inside) the inbox, or it would take its own output
    /// as input; the daemon's folders must also be distinct from each other.
    func validateFolders(fileName: String) throws(ConfigError) {
        let inboxPath = Self.comparablePath(inbox)
        var seen: [(key: String, path: [String])] = [("inbox", inboxPath)]
        for (key, url) in outputFolders {
            let path = Self.comparablePath(url)
            if path == inboxPath {
                throw ConfigError(.folderConflict, file: fileName, key: key, "is the same folder as 'inbox' (\(inbox.path)): the daemon would take its own output as input")
            }
            if path.starts(with: inboxPath) {
                throw ConfigError(.folderConflict, file: fileName, key: key, "(\(url.path)) is inside 'inbox' (\(inbox.path)): the daemon would take its own output as input")
            }
            if let other = seen.first(where: { $0.path == path }) {
                throw ConfigError(.folderConflict, file: fileName, key: key, "is the same folder as '\(other.key)' (\(url.path)): give each folder its own path")
            }
            seen.append((key, path))
        }
    }

    /// Path components with `..` and symbolic links of existing parents resolved.
    private static func comparablePath(_ url: URL) -> [String] {
        url.standardizedFileURL.resolvingSymlinksInPath().pathComponents.filter { $0 != "/" }
    }

    private static func closestKey(to key: String) -> String? {
        let lowered = key.lowercased()
        let scored = keys.map { ($0, editDistance(lowered, $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, key.count / 4) else { return nil }
        return best
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
