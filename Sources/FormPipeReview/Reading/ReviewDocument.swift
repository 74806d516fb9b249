import Foundation
import FormPipeCore
import FormPipeRecord
import FormPipeEmit

/// One converted document held in memory as review works on it: its records, repair log and
/// review ledger, and every other file of its output folder passed through untouched.
///
/// It is built from the same `(path, bytes)` list whether the files come from the converter
/// (before publishing) or from a published folder (for `formpipe review`), so corrections and
/// reconversions go through one code path and write the folder the same way.
public struct ReviewDocument: Sendable {
    /// The output folder's name (`dev-01`).
    public var name: String
    public var manifest: JSONValue
    /// Form 1 first.
    public var records: [FormRecord]
    public var log: RepairLogFile
    public var ledger: ReviewLedger
    /// Whether the converter wrote `form-NN.xml` beside the JSON, so re-emission writes it too.
    public var hasXML: Bool
    /// The page around each repaired cell, for PDF inputs: scan pixels or a drawing of the text layer.
    public var crops: ScanCrops
    /// Files review does not rewrite (`manifest.json`, `debug/…`), by relative path.
    public var otherFiles: [String: Data]

    public static let pageFileName = "review.html"

    /// The input's file name as the manifest records it.
    public var sourceName: String { manifest["source"]?.stringValue ?? name }
    public var sha256: String { manifest["sha256"]?.stringValue ?? "" }
    public var inputKind: String { manifest["inputKind"]?.stringValue ?? "" }
    /// `tables.json`, when the document has tables no form took (docs/tables.md).
    public var tableRecord: JSONValue? {
        otherFiles[OutputFileName.tables].flatMap { try? JSONValueParser.parse(String(decoding: $0, as: UTF8.self)) }
    }

    /// A document the converter holds in memory, before anything is written: its records, the
    /// lines of its repair log, its manifest and the files review passes through (tables, debug).
    /// Nothing is serialized to be parsed back; `outputFiles` writes each file once.
    public init(
        name: String, manifest: JSONValue, records: [FormRecord], log: RepairLogFile, hasXML: Bool,
        otherFiles: [String: Data]
    ) {
        self.name = name
        self.manifest = manifest
        self.records = records
        self.log = log
        self.hasXML = hasXML
        self.crops = ScanCrops()
        self.otherFiles = otherFiles
        self.ledger = ReviewLedger(
            document: name, source: manifest["source"]?.stringValue ?? name,
            sha256: manifest["sha256"]?.stringValue ?? "")
    }

    /// Reads the files of an output folder; `name` is the folder's name.
    public init(name: String, files: [(String, Data)]) throws(ReviewError) {
        self.name = name
        var manifest: JSONValue?
        var recordsByForm: [Int: FormRecord] = [:]
        var log = RepairLogFile()
        var ledger: ReviewLedger?
        var hasXML = false
        var crops = ScanCrops()
        var otherFiles: [String: Data] = [:]
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            switch path {
            case OutputFileName.manifest:
                manifest = try Self.parse(text, file: "\(name)/\(path)")
                otherFiles[path] = data
            case OutputFileName.repairLog:
                log = try RepairLogFile(text: text, name: "\(name)/\(path)")
            case ReviewLedger.fileName:
                ledger = try ReviewLedger.parse(data)
            case Self.pageFileName:
                continue  // always drawn anew from the other files
            case ScanCrops.fileName:
                crops = try ScanCrops(json: try Self.parse(text, file: "\(name)/\(path)"))
            case _ where path.hasSuffix(".json") && FormFileName.formNumber(path) != nil:
                let json = try Self.parse(text, file: "\(name)/\(path)")
                do {
                    recordsByForm[FormFileName.formNumber(path)!] = try FormRecord(json: json)
                } catch {
                    throw ReviewError(.unreadableOutput, "\(name)/\(path) is not a record: \(error)")
                }
            case _ where path.hasSuffix(".xml") && FormFileName.formNumber(path) != nil:
                hasXML = true  // written anew from the record
            default:
                otherFiles[path] = data
            }
        }
        guard let manifest else {
            throw ReviewError(.unknownDocument, "\(name) has no manifest.json: it is not a converted document")
        }
        let count = recordsByForm.keys.max() ?? 0
        if count == 0, let forms = manifest["forms"]?.intValue, forms > 0 {
            throw ReviewError(
                .unreadableOutput,
                "\(name) has no form-NN.json: review reads the records from their JSON (add json to outputFormats)")
        }
        guard recordsByForm.count == count else {
            throw ReviewError(
                .unreadableOutput,
                "\(name) is missing some form-NN.json files (found \(recordsByForm.count) of \(count))")
        }
        self.manifest = manifest
        self.records = (0..<count).map { recordsByForm[$0 + 1]! }
        self.log = log
        self.hasXML = hasXML
        self.crops = crops
        self.otherFiles = otherFiles
        self.ledger =
            ledger
            ?? ReviewLedger(
                document: name, source: manifest["source"]?.stringValue ?? name,
                sha256: manifest["sha256"]?.stringValue ?? "")
    }

    /// Reads the published folder `outbox/name`.
    public static func load(name: String, outbox: URL) throws(ReviewError) -> ReviewDocument {
        try ReviewDocument(name: name, files: try readFiles(name: name, outbox: outbox))
    }

    /// The files of the published folder `outbox/name`, as `(relative path, bytes)`.
    static func readFiles(name: String, outbox: URL) throws(ReviewError) -> [(String, Data)] {
        let folder = outbox.appendingPathComponent(name, isDirectory: true)
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"),
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(OutputFileName.manifest).path)
        else {
            throw ReviewError(
                .unknownDocument,
                "no converted document '\(name)' in \(outbox.path) (run 'formpipe review' to list them)")
        }
        return try FolderFiles.read(folder)
    }

    private static func parse(_ text: String, file: String) throws(ReviewError) -> JSONValue {
        do {
            return try JSONValueParser.parse(text)
        } catch {
            throw ReviewError(.unreadableOutput, "\(file) is not valid JSON (\(error))")
        }
    }
}

/// Reads every regular file under a folder as `(relative path, bytes)`.
enum FolderFiles {
    static func read(_ folder: URL) throws(ReviewError) -> [(String, Data)] {
        let fileManager = FileManager.default
        guard let paths = fileManager.subpaths(atPath: folder.path) else {
            throw ReviewError(.unreadableOutput, "cannot list \(folder.path)")
        }
        var files: [(String, Data)] = []
        for path in paths.sorted() {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            guard let data = fileManager.contents(atPath: url.path) else {
                throw ReviewError(.unreadableOutput, "cannot read \(url.path)")
            }
            files.append((path, data))
        }
        return files
    }
}
