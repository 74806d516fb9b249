import Foundation
import Testing
@testable import FormPipeConfig

struct ConfigValidationTests {
    private let file = URL(fileURLWithPath: "/srv/formpipe/pipeline.json")

    private func parse(_ json: String) throws(ConfigError) -> PipelineConfig {
        try PipelineConfig.parse(Data(json.utf8), file: file)
    }

    @Test func emptyObjectGivesTheDocumentedDefaults() throws {
        let config = try parse("{}")
        #expect(config == PipelineConfig(directory: URL(fileURLWithPath: "/srv/formpipe"), sourceFile: file))
        #expect(config.inbox.path == "/srv/formpipe/inbox")
        #expect(config.work.path == "/srv/formpipe/work")
        #expect(config.settleSeconds == 2)
        #expect(config.outputFormats == [.json, .xml])
        #expect(config.logLevel == .info)
        #expect(config.ocrLanguages == "chi_sim+eng")
        #expect(config.ocrEngine == .tesseract)
        #expect(config.workers == max(1, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// The repository's pipeline.json is the embedded default: it must load and mean the defaults.
    @Test func repositoryPipelineJSONIsTheDefaults() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("pipeline.json")
        let config = try PipelineConfig.load(from: url)
        #expect(config == PipelineConfig(directory: root, sourceFile: url))
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]).keys
        #expect(keys.sorted() == PipelineConfig.keys.sorted())
    }

    @Test func foldersResolveAgainstTheConfigFolderAndAbsolutePathsStay() throws {
        let config = try parse(#"{"inbox": "../drop", "outbox": "/data/out", "archive": "done/./a"}"#)
        #expect(config.inbox.path == "/srv/drop")
        #expect(config.outbox.path == "/data/out")
        #expect(config.archive.path == "/srv/formpipe/done/a")
    }

    @Test func acceptsEveryKeyWithAValidValue() throws {
        let config = try parse("""
            {"workers": 3, "settleSeconds": 0.5, "rescanSeconds": 10, "pollingOnly": true, "fileTimeoutSeconds": 0.25,
             "workerMemoryMB": 0, "workerRecycleAfter": 5, "maxFileMB": 1.5, "shutdownGraceSeconds": 0,
             "outputFormats": ["xml"], "logFormat": "json", "logLevel": "debug", "ocrLanguages": "eng",
             "ocrEngine": "ppocr"}
            """)
        #expect(config.ocrEngine == .ppocr && config.conversionOptions.ocrEngine == .ppocr)
        #expect(config.workers == 3 && config.pollingOnly && config.fileTimeoutSeconds == 0.25 && config.workerMemoryMB == 0)
        #expect(config.outputFormats == [.xml] && config.logFormat == .json && config.logLevel == .debug && config.maxFileMB == 1.5)
    }

    @Test func workersZeroMeansOnePerCore() throws {
        #expect(try parse(#"{"workers": 0}"#).workers == max(1, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// Each bad setting → the one line the user sees, naming the key.
    @Test(arguments: [
        (#"{"worker": 4}"#, ConfigError.Kind.unknownKey, "'worker' is not a setting (did you mean 'workers'?)"),
        (#"{"Inbox": "in"}"#, .unknownKey, "'Inbox' is not a setting (did you mean 'inbox'?)"),
        (#"{"workers": "two"}"#, .wrongType, "'workers' must be a whole number from 0 to 256, got the string \"two\""),
        (#"{"workers": 2.5}"#, .wrongType, "'workers' must be a whole number from 0 to 256, got 2.5"),
        (#"{"workers": 1000}"#, .outOfRange, "'workers' must be from 0 to 256, got 1000"),
        (#"{"workers": true}"#, .wrongType, "'workers' must be a whole number from 0 to 256, got true"),
        (#"{"settleSeconds": "2"}"#, .wrongType, "'settleSeconds' must be a number of seconds, got the string \"2\""),
        (#"{"settleSeconds": -1}"#, .outOfRange, "'settleSeconds' must be from 0 to 3600 seconds, got -1"),
        (#"{"rescanSeconds": 0}"#, .outOfRange, "'rescanSeconds' must be from 0.05 to 86400 seconds, got 0"),
        (#"{"pollingOnly": 1}"#, .wrongType, "'pollingOnly' must be true or false, got 1"),
        (#"{"pollingOnly": "yes"}"#, .wrongType, "'pollingOnly' must be true or false, got the string \"yes\""),
        (#"{"fileTimeoutSeconds": 0}"#, .outOfRange, "'fileTimeoutSeconds' must be from 0.001 to 86400 seconds, got 0"),
        (#"{"workerMemoryMB": 64}"#, .outOfRange, "'workerMemoryMB' must be 0 (no limit) or at least 256"),
        (#"{"workerRecycleAfter": 0}"#, .outOfRange, "'workerRecycleAfter' must be from 1 to 1000000, got 0"),
        (#"{"maxFileMB": 0}"#, .outOfRange, "'maxFileMB' must be more than 0 and at most 1048576, got 0"),
        (#"{"maxFileMB": null}"#, .wrongType, "'maxFileMB' must be a number of megabytes, got null"),
        (#"{"outputFormats": "json"}"#, .wrongType, "'outputFormats' must be an array such as [\"json\", \"xml\"], got the string \"json\""),
        (#"{"outputFormats": ["json", "pdf"]}"#, .outOfRange, "'outputFormats' must be an array of \"json\" and/or \"xml\"; the string \"pdf\" is not a format"),
        (#"{"outputFormats": []}"#, .outOfRange, "'outputFormats' must be a non-empty array"),
        (#"{"logFormat": "text"}"#, .outOfRange, "'logFormat' must be \"human\" or \"json\", got the string \"text\""),
        (#"{"logLevel": "verbose"}"#, .outOfRange, "'logLevel' must be one of trace, debug, info, notice, warning, error, critical"),
        (#"{"ocrLanguages": "chi_sim eng"}"#, .outOfRange, "'ocrLanguages' must be Tesseract language names joined by '+'"),
        (#"{"ocrEngine": "paddle"}"#, .outOfRange, "'ocrEngine' must be \"tesseract\" or \"ppocr\", got the string \"paddle\""),
        (#"{"ocrEngine": 1}"#, .wrongType, "'ocrEngine' must be \"tesseract\" or \"ppocr\", got 1"),
        (#"{"inbox": 3}"#, .wrongType, "'inbox' must be a folder path (string), got 3"),
        (#"{"inbox": ""}"#, .outOfRange, "'inbox' must be a non-empty folder path"),
        (#"{"outbox": "inbox"}"#, .folderConflict, "'outbox' is the same folder as 'inbox'"),
        (#"{"outbox": "inbox/out"}"#, .folderConflict, "'outbox' (/srv/formpipe/inbox/out) is inside 'inbox'"),
        (#"{"inbox": "drop", "archive": "./drop/../drop/archive"}"#, .folderConflict, "'archive' (/srv/formpipe/drop/archive) is inside 'inbox'"),
        (#"{"work": "inbox/.work"}"#, .folderConflict, "'work' (/srv/formpipe/inbox/.work) is inside 'inbox'"),
        (#"{"failed": "archive"}"#, .folderConflict, "'failed' is the same folder as 'archive'"),
        (#"[1, 2]"#, .notAnObject, "pipeline.json: must be a JSON object of settings, got an array"),
        (#"{"workers": 2"#, .invalidJSON, "pipeline.json: is not valid JSON: line 1, column 14: expected ',' or '}'"),
        ("{\n  \"workers\": 2,\n}", .invalidJSON, "is not valid JSON: line 3, column 1: trailing comma before '}'"),
        (#"{"outputFormats": ["json", ]}"#, .invalidJSON, "line 1, column 28: trailing comma before ']'"),
        ("{\"workers\": 2,\n \"workers\": 8}", .invalidJSON, "line 2, column 2: duplicate key 'workers'"),
        (#"{"inbox": "a", "\u0069nbox": "b"}"#, .invalidJSON, "duplicate key 'inbox'"),
        (#"{"workers": 02}"#, .invalidJSON, "line 1, column 14: a number must not start with 0"),
        (#"{'workers': 2}"#, .invalidJSON, "line 1, column 2: expected a key in double quotes"),
        (#"{"pollingOnly": True}"#, .invalidJSON, "expected a value"),
        (#"{"workers": 2} x"#, .invalidJSON, "line 1, column 16: unexpected text after the end"),
        ("{\"inbox\": \"a\tb\"}", .invalidJSON, "a control character"),
        (String(repeating: "[", count: 100), .invalidJSON, "nested more than 64 levels deep"),
        ("", .invalidJSON, "the file ends where a value was expected"),
        (#"{"workers": 2, "a\u001b": 1}"#, .unknownKey, #"'a\u{1B}' is not a setting"#),
        (#"{"a\u0000": 1, "a\u0000": 2}"#, .invalidJSON, #"line 1, column 16: duplicate key 'a\0'"#),
    ] as [(String, ConfigError.Kind, String)])
    func rejectsBadSettingsWithOneLineNamingTheKey(json: String, kind: ConfigError.Kind, message: String) {
        #expect {
            _ = try parse(json)
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            let line = error.description
            return error.kind == kind && line.contains(message) && !line.contains("\n") && line.hasPrefix("/srv/formpipe/pipeline.json: ")
        }
    }

    /// JSON is UTF-8 (RFC 8259): a stray byte is named where it is, not as Foundation's type mismatch.
    @Test func bytesThatAreNotUTF8AreNamedWithLineAndColumn() {
        let cases: [(Data, String)] = [
            (Data("{\n  \"logLevel\": \"".utf8) + Data([0xFF]) + Data("\"}".utf8), "line 2, column 16: byte 0xFF is not UTF-8: save the file as UTF-8"),
            (Data("{\"inbox\": \"".utf8) + Data([0xE4, 0xB8]), "line 1, column 12: byte 0xE4 is not UTF-8"),
        ]
        for (data, message) in cases {
            #expect {
                _ = try PipelineConfig.parse(data, file: file)
            } throws: { error in
                guard let error = error as? ConfigError else { return false }
                return error.kind == .invalidJSON && error.description.contains(message)
            }
        }
    }

    @Test func missingFileSaysHowToFixIt() {
        #expect {
            _ = try PipelineConfig.load(from: URL(fileURLWithPath: "/nonexistent/pipeline.json"))
        } throws: { error in
            (error as? ConfigError)?.kind == .fileNotFound && "\(error)".contains("--config")
        }
    }
}
