import Foundation

@testable import FormPipeCore
@testable import FormPipeRecord
@testable import FormPipePipeline
@testable import FormPipeReview

/// Documents, outboxes and processes for the review tests.
enum ReviewFixtures {
    static func number(_ literal: String) -> PrintedNumber { PrintedNumber(literal: literal)! }

    /// A one-form document in memory, with a chain of two repairs on one field, a split number,
    /// a whole-row repair and a finding — the cases the decision logic must tell apart.
    static func document(name: String = "sample", sha256: String = "abc123") throws -> ReviewDocument {
        var record = FormRecord()
        record.year = 2022
        record.projectName = "京蒙东西部协作项目"
        record.projectLead = "孙燕清"
        record.funds[0].initialBudget = number("587.049060")
        record.funds[0].executed = number("48")
        record.indicators = [
            Indicator(
                level1: "产出指标", level2: "数量指标", level3: "建设销售平台", target: "12月底前完成", actual: "1", weight: number("8")),
            Indicator(
                level1: "产出指标", level2: "时效指标", level3: "按时完成", target: "100%", actual: "100%", weight: number("5")),
        ]
        let log =
            [
                #"{"id":"R1","kind":"repair","form":1,"field":"funds[0].initialBudget","page":1,"bbox":[10,20,60,40],"rule":"split-number","before":"587.0490 60","after":"587.049060","confidence":0.95}"#,
                #"{"id":"R2","kind":"repair","form":1,"field":"indicators[0].target","page":null,"bbox":null,"rule":"split-cjk-word","before":"12 月底前 完成","after":"12 月底前完成","confidence":0.97}"#,
                #"{"id":"R3","kind":"repair","form":1,"field":"indicators[0].target","page":null,"bbox":null,"rule":"spaced-script-boundary","before":"12 月底前完成","after":"12月底前完成","confidence":0.95}"#,
                #"{"id":"R4","kind":"repair","form":1,"field":"indicators[1]","page":null,"bbox":null,"rule":"shifted-row","before":" | 时效指标 | 按时完成","after":"cells realigned by content (shifted -1 column)","confidence":0.85}"#,
                #"{"id":"R5","kind":"repair","form":1,"field":"indicators[1].level1","page":null,"bbox":null,"rule":"fill-down","before":"","after":"产出指标","confidence":0.95}"#,
                #"{"id":"F1","kind":"finding","form":1,"rule":"execution-rate-mismatch","fields":["funds[0].executionRate","funds[0].executed"],"message":"执行率 <b>100%</b> but 48 ÷ 50 = 96%"}"#,
            ].joined(separator: "\n") + "\n"
        let manifest = JSONValue.object([
            ("source", .string("\(name).pdf")), ("sha256", .string(sha256)), ("inputKind", .string("pdf")),
            ("forms", .number(1)), ("outputs", .array([])),
        ])
        return try ReviewDocument(
            name: name,
            files: [
                ("form-01.json", Data(record.json.pretty().utf8)), ("repairs.jsonl", Data(log.utf8)),
                ("manifest.json", Data(manifest.pretty().utf8)),
            ])
    }

    static let reviewer = Reviewer(name: "tester", now: { Date(timeIntervalSince1970: 1_700_000_000) })

    /// Converts corpus files into a fresh outbox in this process; returns the outbox.
    static func convertedOutbox(_ files: [String], label: String = "formpipe-review") throws -> URL {
        let outbox = try Fixtures.temporaryFolder(label)
        for file in files {
            _ = try Converter().convert(file: Fixtures.corpus.appendingPathComponent(file), into: outbox)
        }
        return outbox
    }

    /// Every file of a folder with its bytes, to prove a failed command changed nothing.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    static func json(_ url: URL) throws -> JSONValue {
        try JSONValueParser.parse(String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }
}

/// A child process with a time limit, for the binary and for Chromium.
enum ReviewProcess {
    static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        let outData = DrainedPipe(out)
        let errData = DrainedPipe(err)
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
        }
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus, stdout: String(decoding: outData.wait(), as: UTF8.self),
            stderr: String(decoding: errData.wait(), as: UTF8.self))
    }

    /// `formpipe ARGUMENTS` as the user `tester`.
    static func formpipe(_ arguments: [String]) throws -> ProcessResult {
        try run(Fixtures.formpipeBinary, arguments, environment: ["USER": "tester", "NO_COLOR": "1"])
    }
}
