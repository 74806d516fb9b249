import Foundation
import SystemPackage
import Testing
@testable import FormPipeCore
@testable import FormPipeDaemon
@testable import FormPipeEmit
@testable import FormPipeIntake

struct DaemonSupportTests {
    @Test func fileDigestStreamsTheSameSHA256AsTheConverter() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("data.bin")
        let bytes = Data((0..<3_000_003).map { UInt8(truncatingIfNeeded: $0 &* 31) })  // spans several 1 MiB chunks
        try bytes.write(to: file)
        #expect(try FileChecksum.sha256(ofFileAt: FilePath(file.path)) == FileChecksum.sha256(bytes))
        try Data("abc".utf8).write(to: file)
        #expect(try FileChecksum.sha256(ofFileAt: FilePath(file.path)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(throws: CancellationError.self) { try FileChecksum.sha256(ofFileAt: FilePath(file.path), isCancelled: { true }) }
        #expect(FileChecksum.sha256(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(FileChecksum.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test(arguments: [
        (Int32(0), ProcessTermination.exited(0)), (1 << 8, .exited(1)), (75 << 8, .exited(75)), (9, .signaled(9)), (11 | 0x80, .signaled(11)),
    ])
    func decodesWaitStatuses(status: Int32, termination: ProcessTermination) {
        #expect(ProcessTermination(waitStatus: status) == termination)
    }

    @Test func processedIndexPersistsAndSeesOtherWriters() throws {
        let folder = try TemporaryFolder()
        let work = FilePath(folder.url.path)
        let first = try ProcessedIndex(work: work)
        let second = try ProcessedIndex(work: work)
        try first.record(.init(sha256: "aa", file: "a.txt", output: "a", convertedAt: Date()))
        #expect(second.lookUp(sha256: "aa")?.file == "a.txt")
        // A line cut short by a crash is skipped, and the next line is not glued onto it.
        let handle = try FileHandle(forWritingTo: folder.url.appendingPathComponent(ProcessedIndex.fileName))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"sha256":"bb","fi"#.utf8))
        try handle.close()
        let third = try ProcessedIndex(work: work)
        try third.record(.init(sha256: "cc", file: "c.txt", output: "c", convertedAt: Date()))
        #expect(try ProcessedIndex(work: work).lookUp(sha256: "cc")?.output == "c")
        #expect(first.lookUp(sha256: "cc") != nil)
        #expect(first.lookUp(sha256: "bb") == nil)
        #expect(first.count == 2)
    }

    @Test func archiveNeverReplacesAndFailedKeepsPairsTogether() throws {
        let folder = try TemporaryFolder()
        let publisher = FileOutcomePublisher(archive: folder.path("archive"), failed: folder.path("failed"))
        func claimed(_ name: String, _ content: String) throws -> ClaimedFile {
            let path = folder.url.appendingPathComponent("work/\(UUID().uuidString)")
            try Data(content.utf8).write(to: path)
            return ClaimedFile(path: FilePath(path.path), name: name, recovered: false)
        }
        #expect(try publisher.archive(claimed("a.txt", "1")) == "a.txt")
        #expect(try publisher.archive(claimed("a.txt", "2")) == "a-2.txt")
        #expect(try String(contentsOf: folder.url.appendingPathComponent("archive/a.txt"), encoding: .utf8) == "1")

        let report = FailureReport(file: "", reason: "broken", code: "damaged", stage: "extract", attempts: 1, failedAt: Date(),
                                   source: .init(device: 0, inode: 0))
        #expect(try publisher.fail(claimed("b.pdf", "x"), report: report) == "b.pdf")
        #expect(try publisher.fail(claimed("b.pdf", "y"), report: report) == "b-2.pdf")
        let written = try Data(contentsOf: folder.url.appendingPathComponent("failed/b-2.pdf.error.json"))
        #expect(FailureReport.decode(written)?.file == "b-2.pdf")
        #expect(FailureReport.decode(written)?.reason == "broken")
        let failedNames = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("failed").path).sorted()
        #expect(failedNames == ["b-2.pdf", "b-2.pdf.error.json", "b.pdf", "b.pdf.error.json"])
    }

    /// A daemon killed between writing the report and moving the file: the retry reuses the name.
    @Test func aReportWithoutItsFileIsReusedBySameFileOnly() throws {
        let folder = try TemporaryFolder()
        let publisher = FileOutcomePublisher(archive: folder.path("archive"), failed: folder.path("failed"))
        let input = folder.url.appendingPathComponent("work/000001-c.pdf")
        try Data("c".utf8).write(to: input)
        let info = try #require(SystemCalls.linkStatus(FilePath(input.path)))
        var orphan = FailureReport(file: "c.pdf", reason: "old", code: "damaged", stage: "extract", attempts: 1, failedAt: Date(),
                                   source: .init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
        try orphan.encoded().write(to: folder.url.appendingPathComponent("failed/c.pdf.error.json"))
        orphan.source.inode = 0xFFFF_FFFF_FFFF  // no file of ours has this identity
        try orphan.encoded().write(to: folder.url.appendingPathComponent("failed/d.pdf.error.json"))

        var report = orphan
        report.reason = "new"
        #expect(try publisher.fail(ClaimedFile(path: FilePath(input.path), name: "c.pdf", recovered: true), report: report) == "c.pdf")
        let reused = try Data(contentsOf: folder.url.appendingPathComponent("failed/c.pdf.error.json"))
        #expect(FailureReport.decode(reused)?.reason == "new")

        let other = folder.url.appendingPathComponent("work/000002-d.pdf")
        try Data("d".utf8).write(to: other)
        #expect(try publisher.fail(ClaimedFile(path: FilePath(other.path), name: "d.pdf", recovered: false), report: report) == "d-2.pdf")
    }

    @Test func sessionsAdoptOnlyFilesOfDeadDaemons() throws {
        let folder = try TemporaryFolder()
        let work = folder.path("work")
        let live = try WorkSession.open(work: work)
        let liveFile = live.nextClaimPath(for: "live.txt")
        try Data("l".utf8).write(to: URL(fileURLWithPath: liveFile.string))
        // A dead daemon's session: a folder whose lock nobody holds.
        let dead = folder.url.appendingPathComponent("work/claims/999-dead")
        try FileManager.default.createDirectory(at: dead, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dead.appendingPathComponent(WorkSession.lockFileName).path, contents: nil)
        try Data("o".utf8).write(to: dead.appendingPathComponent("000007-orphan 中文.txt"))

        let adopter = try WorkSession.open(work: work)
        let adopted = adopter.adoptOrphans()
        #expect(adopted.map(\.name) == ["orphan 中文.txt"])
        #expect(adopted.allSatisfy { $0.recovered && $0.path.string.hasPrefix(adopter.directory.string) })
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: liveFile.string))
        #expect(live.claimedFiles().map(\.name) == ["live.txt"])
        #expect(adopter.adoptOrphans().isEmpty)
        adopter.close()
        live.close()
        #expect(FileManager.default.fileExists(atPath: live.directory.string))  // still holds live.txt
        #expect(FileManager.default.fileExists(atPath: adopter.directory.string))  // holds the adopted file
        let empty = try WorkSession.open(work: work)
        empty.close()
        #expect(!FileManager.default.fileExists(atPath: empty.directory.string))
    }

    @Test func workerMessagesRoundTripAsSingleLines() throws {
        let request = WorkerProtocol.Request(id: 3, input: "/w/000001-中文 表.pdf", displayName: "中文 表.pdf", outbox: "/o")
        let line = try WorkerProtocol.line(request)
        #expect(line.last == 0x0A && line.dropLast().firstIndex(of: 0x0A) == nil)
        #expect(try WorkerProtocol.decode(WorkerProtocol.Request.self, from: line.dropLast()) == request)
        let error = ConversionError(.damaged, file: "x.pdf", stage: .extract, "line one\nline two", transient: true)
        let reply = WorkerProtocol.Reply(id: 3, error: .init(error))
        let decoded = try WorkerProtocol.decode(WorkerProtocol.Reply.self, from: try WorkerProtocol.line(reply).dropLast())
        #expect(decoded.error?.conversionError.isTransient == true)
        #expect(decoded.error?.conversionError.code == .damaged)
        #expect(decoded.error?.conversionError.stage == .extract)
    }

    @Test func refusesLinksSpecialFilesAndOversizedFiles() throws {
        let folder = try TemporaryFolder()
        let link = folder.url.appendingPathComponent("work/link.txt")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/etc/passwd")
        let big = folder.url.appendingPathComponent("work/big.txt")
        try Data(count: 3 * 1_048_576).write(to: big)
        func refusal(_ url: URL, maxMB: Double = 100) throws -> ConversionError? {
            let file = ClaimedFile(path: FilePath(url.path), name: url.lastPathComponent, recovered: false)
            return FileProcessor.refusal(for: file, info: try #require(SystemCalls.linkStatus(file.path)), maxFileMB: maxMB)
        }
        #expect(try refusal(link)?.code == .symbolicLink)
        #expect(try refusal(link)?.reason.contains("/etc/passwd") == true)
        #expect(try refusal(big, maxMB: 2)?.code == .tooLarge)
        #expect(try refusal(big, maxMB: 2)?.reason == "is 3.0 MB, over the 2 MB limit; raise maxFileMB in pipeline.json to accept it")
        #expect(try refusal(big) == nil)
        #expect(try refusal(folder.url.appendingPathComponent("work"))?.code == .notRegularFile)
    }
}

/// A temporary folder with `work/`, `archive/` and `failed/` inside, removed when released.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("formpipe-test-\(UUID().uuidString)")
        for sub in ["work", "archive", "failed"] {
            try FileManager.default.createDirectory(at: url.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
    }

    func path(_ sub: String) -> FilePath { FilePath(url.appendingPathComponent(sub).path) }

    deinit { try? FileManager.default.removeItem(at: url) }
}


struct DaemonStagingTests {
    @Test func removesOnlyStagingFoldersOfDeadProcesses() throws {
        let folder = try TemporaryFolder()
        let staging = folder.url.appendingPathComponent("outbox/\(OutputFolderPublisher.stagingFolderName)")
        let alive = staging.appendingPathComponent("form.\(getpid()).123")
        let dead = staging.appendingPathComponent("form.4194303.456")  // above any pid this machine has handed out
        let unknown = staging.appendingPathComponent("notes")
        for url in [alive, dead, unknown] { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        #expect(StagingCleaner.removeAbandoned(in: folder.path("outbox")) == 1)
        #expect(FileManager.default.fileExists(atPath: alive.path))
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: unknown.path))
    }
}
