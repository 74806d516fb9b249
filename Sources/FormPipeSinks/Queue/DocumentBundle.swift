#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import FormPipeCore
import FormPipeEmit
import FormPipeReview

/// One published document folder as a single JSON value, the unit a sink writes:
/// `{"folder", "revision", "convertedAt", "manifest", "forms": [records], "log": [repair log lines],
/// "review", "tables"}`.
///
/// The files are spliced in as the converter wrote them, without parsing: the database parses
/// them once, and numbers keep their printed digits. Every file is opened relative to one open
/// handle of the folder, so a folder swapped by a reconversion or a review decision while it is
/// read yields the old files or the new ones, never a mix (a swap that removes the old folder
/// half-way is noticed as a missing file and read again).
public struct DocumentBundle: Sendable {
    public var folder: String
    public var sha256: String
    /// When the folder was published, in nanoseconds since 1970: later bundles replace earlier ones.
    public var revision: Int64
    public var forms: Int
    /// The bundle's JSON text.
    public var json: String

    public enum ReadError: Error, CustomStringConvertible {
        case gone(String)
        case unusable(String, String)

        public var description: String {
            switch self {
            case .gone(let folder): "\(folder): the output folder no longer exists"
            case .unusable(let folder, let reason): "\(folder): \(reason)"
            }
        }
    }

    public static let tablesFileName = "tables.json"

    /// Reads `outbox/folder`, trying again when a concurrent swap removed a file under it.
    public static func read(folder: String, outbox: URL) throws(ReadError) -> DocumentBundle {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try readOnce(folder: folder, outbox: outbox)
            } catch .gone(let name) where attempt < 3 {
                _ = name
                continue
            }
        }
    }

    private static func readOnce(folder: String, outbox: URL) throws(ReadError) -> DocumentBundle {
        let path = outbox.appendingPathComponent(folder).path
        let directory = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw .gone(folder) }
        defer { close(directory) }

        guard let (manifest, modified) = readFile(OutputFileName.manifest, in: directory) else { throw .gone(folder) }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { throw .gone(folder) }
        let formNumbers = names.filter { $0.hasSuffix(".json") }.compactMap(FormFileName.formNumber).sorted()
        var forms: [String] = []
        for number in formNumbers {
            guard let (record, _) = readFile(FormFileName.stem(form: number) + ".json", in: directory) else { throw .gone(folder) }
            forms.append(record)
        }
        if forms.isEmpty, names.contains(where: { $0.hasSuffix(".xml") && FormFileName.formNumber($0) != nil }) {
            throw .unusable(folder, "has XML records only: the sink reads form-NN.json; add \"json\" to outputFormats")
        }
        let log = readFile(OutputFileName.repairLog, in: directory)?.text ?? ""
        let review = readFile(ReviewLedger.fileName, in: directory)?.text
        let tables = readFile(tablesFileName, in: directory)?.text

        guard let sha256 = Self.sha256(inManifest: manifest) else {
            throw .unusable(folder, "manifest.json has no sha256")
        }
        let lines = Self.jsonLines(log)
        let convertedAt = Self.utcTimestamp(nanoseconds: modified)
        var json = "{\"folder\":" + JSONValue.string(folder).compact()
        json += ",\"revision\":\(modified),\"convertedAt\":\"\(convertedAt)\""
        json += ",\"manifest\":" + manifest
        json += ",\"forms\":[" + forms.joined(separator: ",") + "]"
        json += ",\"log\":[" + lines.joined(separator: ",") + "]"
        json += ",\"review\":" + (review ?? "null")
        json += ",\"tables\":" + (tables ?? "null") + "}"
        return DocumentBundle(folder: folder, sha256: sha256, revision: modified, forms: forms.count, json: json)
    }

    /// The non-blank lines of a JSON-lines file. Split on the newline byte, not on Characters: the
    /// log is read for every delivery, and grapheme breaking cost more than the rest of the bundle.
    static func jsonLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let line = utf8[start..<end]
            if line.contains(where: { !Self.isJSONWhitespace($0) }) {
                lines.append(Substring(text[start..<end]))
            }
            start = end < utf8.endIndex ? utf8.index(after: end) : end
        }
        return lines
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// `2026-12-07T10:00:00Z`, as ISO8601DateFormatter writes it, without building a formatter
    /// per bundle.
    static func utcTimestamp(nanoseconds: Int64) -> String {
        var seconds = time_t(nanoseconds / 1_000_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// The file's text and modification time (ns), or nil when it does not exist.
    private static func readFile(_ name: String, in directory: Int32) -> (text: String, modified: Int64)? {
        let descriptor = openat(directory, name, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0, let data = try? handle.readToEnd() ?? Data() else { return nil }
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return (String(decoding: data, as: UTF8.self), modified)
    }

    /// The one member of `manifest.json` a sink needs; the bundle splices the file in unparsed.
    private struct ManifestChecksum: Decodable {
        var sha256: String
    }

    private static func sha256(inManifest text: String) -> String? {
        try? JSONDecoder().decode(ManifestChecksum.self, from: Data(text.utf8)).sha256
    }
}
