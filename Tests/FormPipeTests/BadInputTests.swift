import Foundation
import Testing

/// The bad-input suite: every kind in ``BadInput/catalogue`` through `formpipe convert` (exit
/// status, one error line naming the file and the cause, no output folder, the input untouched)
/// and, all at once, through the daemon (each in `failed/` with its code and a one-line reason,
/// no output folder, nothing left in the inbox or `work/`).
@Suite(.serialized)
struct BadInputTests {
    @Test func theCatalogueHoldsAtLeastSixtyKinds() {
        #expect(BadInput.catalogue.filter { !$0.isNoForm }.count >= 60, "kinds that stay failures whatever becomes of inputs without a form")
        #expect(Set(BadInput.catalogue.map(\.name)).count == BadInput.catalogue.count, "names must be distinct for the daemon leg")
    }

    @Test(arguments: BadInput.catalogue)
    func convertFailsWithOneClearLine(_ input: BadInput) throws {
        let folder = try Fixtures.temporaryFolder("formpipe-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(input.name)
        try input.make(at: path)
        let before = try? Data(contentsOf: path)
        let outbox = folder.appendingPathComponent("out")
        let result = try ProcessRunner.formpipe(["convert", path.path, "--out", outbox.path], timeout: 60)

        #expect(result.status == input.status, "\(result.stderr)")
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("formpipe: error: ") }
        #expect(errors.count == 1, "\(result.stderr)")
        let line = String(errors.first ?? "")
        #expect(line.hasPrefix("formpipe: error: \(input.name): "), "\(line)")
        #expect(line.contains(input.line), "expected '\(input.line)' in: \(line)")
        let visible = ((try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? []).filter { !$0.hasPrefix(".") }
        #expect(visible.isEmpty, "a failed file leaves no output folder: \(visible)")
        #expect((try? Data(contentsOf: path)) == before, "convert never changes its input")
    }

    /// A name with a line break or a terminal escape keeps the error on one line, shown escaped.
    @Test(arguments: [("e\n1.txt", #"e\n1.txt"#), ("e\u{1B}[31mred.txt", #"e\u{1B}[31mred.txt"#), ("e\r.txt", #"e\r.txt"#)])
    func controlCharactersInANameAreShownEscaped(name: String, shown: String) throws {
        let folder = try Fixtures.temporaryFolder("formpipe-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name)
        try Data().write(to: path)
        let result = try ProcessRunner.formpipe(["convert", path.path, "--out", folder.appendingPathComponent("out").path], timeout: 60)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.first == "formpipe: error: \(shown): the file is empty", "\(result.stderr)")
        #expect(lines.count == 2, "the error and the summary, nothing else: \(lines)")
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\r"))
    }

    @Test func theDaemonFailsEachIntoFailedWithItsCode() async throws {
        let cases = BadInput.catalogue.filter { $0.inDaemon && $0.code != nil }
        let sandbox = try DaemonSandbox(["workers": 2, "fileTimeoutSeconds": 30])
        for input in cases { try input.make(at: sandbox.inbox.appendingPathComponent(input.name)) }
        let daemon = try sandbox.start()
        let expected = Set(cases.map(\.name))
        do {
            try await sandbox.waitUntil("every bad input is in failed/", timeout: .seconds(120)) { sandbox.failedInputs == expected }
        } catch {
            Issue.record("missing from failed/: \(expected.subtracting(sandbox.failedInputs)); unexpected: \(sandbox.failedInputs.subtracting(expected)); inbox: \(sandbox.names(in: sandbox.inbox)); archive: \(sandbox.archived)")
            throw error
        }
        for input in cases {
            let report = try sandbox.report(for: input.name)
            #expect(report["code"] as? String == input.code, "\(input.label): \(report)")
            let reason = report["reason"] as? String ?? ""
            #expect(!reason.isEmpty && !reason.contains("\n"), "\(input.label): \(reason)")
            if input.code != "symlink" { #expect(reason.contains(input.line), "\(input.label): expected '\(input.line)' in: \(reason)") }
        }
        #expect(sandbox.names(in: sandbox.outbox).subtracting(["index.html"]).isEmpty)
        #expect(sandbox.archived.isEmpty)
        #expect(sandbox.names(in: sandbox.inbox).isEmpty)
        #expect(sandbox.inWork.isEmpty)
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }
}

extension BadInput {
    func make(at path: URL) throws {
        switch maker {
        case .bytes(let bytes): try bytes().write(to: path)
        case .fifo: #expect(mkfifo(path.path, 0o644) == 0)
        case .directory: try FileManager.default.createDirectory(at: path, withIntermediateDirectories: false)
        case .symlink(let target): try FileManager.default.createSymbolicLink(atPath: path.path, withDestinationPath: target)
        case .sparse(let head, let tail, let size):
            #expect(FileManager.default.createFile(atPath: path.path, contents: Data(head)))
            let handle = try FileHandle(forWritingTo: path)
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(size - tail.count))
            try handle.write(contentsOf: Data(tail))
        }
    }
}
