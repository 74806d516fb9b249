import Foundation
import Testing

/// `formpipe convert` applies the daemon's limits to a single file too, with or without
/// `pipeline.json`.
@Suite(.serialized)
struct ConvertLimitsTests {
    @Test func aSingleFileGetsTheTimeLimitOfPipelineJSON() throws {
        let folder = try Fixtures.temporaryFolder("formpipe-limits")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("pipeline.json")
        try Data(#"{"fileTimeoutSeconds": 0.2}"#.utf8).write(to: config)
        let scan = Fixtures.corpus.appendingPathComponent("dev-01.scan.pdf")  // OCR takes seconds
        let result = try ProcessRunner.formpipe(["convert", scan.path, "--config", config.path, "--out", folder.appendingPathComponent("out").path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("formpipe: error: dev-01.scan.pdf: conversion took longer than the 0.2 s limit"), "\(result.stderr)")
    }

    @Test func withoutPipelineJSONTheDefaultSizeLimitApplies() throws {
        let folder = try Fixtures.temporaryFolder("formpipe-limits")
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = folder.appendingPathComponent("big.txt")
        #expect(FileManager.default.createFile(atPath: big.path, contents: Data("项目名称\n".utf8)))
        #expect(truncate(big.path, 101 << 20) == 0, "a sparse 101 MiB file")
        let result = try ProcessRunner.formpipe(["convert", big.path, "--out", folder.appendingPathComponent("out").path], in: folder)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("formpipe: error: big.txt: is 101.0 MB, over the 100 MB limit; raise maxFileMB in pipeline.json to accept it"), "\(result.stderr)")
    }

    @Test func aSingleFileGetsTheMemoryLimitOfPipelineJSON() throws {
        let folder = try Fixtures.temporaryFolder("formpipe-limits")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("pipeline.json")
        try Data(#"{"workerMemoryMB": 256}"#.utf8).write(to: config)
        let scan = Fixtures.corpus.appendingPathComponent("dev-01.scan.pdf")  // Tesseract needs more than 256 MB
        let result = try ProcessRunner.formpipe(["convert", scan.path, "--config", config.path, "--out", folder.appendingPathComponent("out").path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("formpipe: error: dev-01.scan.pdf: the worker ran out of its 256 MB memory limit"), "\(result.stderr)")
        #expect(result.stderr.contains("raise workerMemoryMB in pipeline.json if the file is legitimately large"), "\(result.stderr)")
    }
}
