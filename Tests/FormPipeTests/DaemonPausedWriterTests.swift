import Foundation
import SystemPackage
import Testing
@testable import FormPipeDaemon
@testable import FormPipeIntake

/// A writer that pauses longer than `settleSeconds` keeps its file open: the daemon must not take
/// the file after the first chunk (the process table shows the writer).
@Suite(.serialized)
struct DaemonPausedWriterTests {
    /// A separate process (python3) that writes half of `content`, says so on its standard output,
    /// sleeps, writes the rest, closes. Returns once the first half is written (python's start-up
    /// takes seconds on a loaded machine: the pause is timed from the first chunk, not the start).
    private func startWriter(_ path: URL, _ content: Data, pause: Double) throws -> Process {
        let half = content.count / 2
        let script = """
            import sys, time
            data = sys.stdin.buffer.read()
            with open(sys.argv[1], "wb") as f:
                f.write(data[:\(half)]); f.flush()
                print("half", flush=True)
                time.sleep(\(pause))
                f.write(data[\(half):])
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, path.path]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(content)
        try input.fileHandleForWriting.close()
        _ = output.fileHandleForReading.availableData  // "half": the first chunk is in the file
        return process
    }

    @Test func aWriterPausingLongerThanTheSettleTimeIsWaitedFor() async throws {
        let sandbox = try DaemonSandbox(["settleSeconds": 0.3])
        let daemon = try sandbox.start()
        try await sandbox.waitUntil("the daemon is watching") { !daemon.events("started").isEmpty }
        let content = CorpusInputs.text(5)
        let path = sandbox.inbox.appendingPathComponent("paused.txt")
        let writer = try startWriter(path, content, pause: 2.5)
        // Five settle periods into the pause the file is quiet, and must still be in the inbox. On a
        // loaded machine this task may wake after the writer has finished: then only the outcome
        // below can tell, and it does (the archive keeps the inode the writer completed, so only the
        // manifest's checksum shows what was converted).
        try await Task.sleep(for: .seconds(1.5))
        if writer.isRunning {
            #expect(FileManager.default.fileExists(atPath: path.path), "taken while its writer still had it open")
            #expect(OpenFileWriters.writers(of: FilePath(path.path)) == [writer.processIdentifier])
        }
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        try await sandbox.waitUntil("paused.txt is archived or failed") { !sandbox.archived.union(sandbox.failedInputs).isEmpty }
        #expect(sandbox.failedInputs.isEmpty, "half a file was taken and failed")
        try #require(sandbox.archived == ["paused.txt"])
        #expect(try Data(contentsOf: sandbox.archive.appendingPathComponent("paused.txt")) == content)
        let manifest = sandbox.outbox.appendingPathComponent("paused/manifest.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any])
        #expect(object["sha256"] as? String == FileChecksum.sha256(content), "converted before the writer had finished")
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func readersAreNotWriters() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("read.txt")
        try Data("x".utf8).write(to: file)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        reader.arguments = ["-c", "import sys,time; f=open(sys.argv[1]); print('open', flush=True); time.sleep(5)", file.path]
        let output = Pipe()
        reader.standardOutput = output
        try reader.run()
        defer { reader.terminate() }
        _ = output.fileHandleForReading.availableData  // "open": the file is open for reading now
        #expect(OpenFileWriters.writers(of: FilePath(file.path)).isEmpty)
    }
}
