import Foundation
import Testing

/// `formpipe convert` run as a process: bad inputs fail one by one with a clear line, leave
/// no output folder, and do not stop the good files.
@Suite(.serialized)
struct ConvertCommandTests {
    private func badInputs(in folder: URL) throws -> [(name: String, expectedReason: String)] {
        let fileManager = FileManager.default
        try Data().write(to: folder.appendingPathComponent("empty.pdf"))
        let pdf = try Data(contentsOf: Fixtures.corpus.appendingPathComponent("dev-01.pdf"))
        try pdf.prefix(2048).write(to: folder.appendingPathComponent("truncated.pdf"))
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 64))
        try png.write(to: folder.appendingPathComponent("photo.pdf"))
        try Data("会议纪要\n明天开会。\n".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        try fileManager.copyItem(
            at: Fixtures.root.appendingPathComponent("bad/encrypted.pdf"), to: folder.appendingPathComponent("encrypted.pdf"))
        return [
            ("empty.pdf", "empty"), ("truncated.pdf", "damaged"), ("photo.pdf", "PNG"), ("notes.txt", "no form"),
            ("encrypted.pdf", "encrypted"),
        ]
    }

    @Test func badInputsFailClearlyAndGoodFilesStillConvert() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = try badInputs(in: folder)
        let good = Fixtures.corpus.appendingPathComponent("dev-03.txt")
        let outbox = folder.appendingPathComponent("out")
        let arguments = ["convert"] + bad.map { folder.appendingPathComponent($0.name).path } + [good.path, "--out", outbox.path]

        let result = try ProcessRunner.formpipe(arguments)

        #expect(result.status == 1)
        let errorLines = result.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errorLines.count == bad.count, "\(result.stderr)")
        for (name, reason) in bad {
            let line = errorLines.first { $0.contains(name) }
            #expect(line != nil, "no error line names \(name)")
            #expect(line?.localizedCaseInsensitiveContains(reason) == true, "\(name): \(line ?? "")")
            let stem = (name as NSString).deletingPathExtension
            #expect(!FileManager.default.fileExists(atPath: outbox.appendingPathComponent(stem).path))
        }
        let converted = outbox.appendingPathComponent("dev-03")
        for file in ["form-01.json", "form-01.xml", "repairs.jsonl", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: converted.appendingPathComponent(file).path), "\(file)")
        }
        let visible = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { !$0.hasPrefix(".") }
        #expect(visible.sorted() == ["dev-03", "index.html"])
    }

    @Test func exitStatusIsZeroWhenEverythingConvertsAndTwoForUsageErrors() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ok = try ProcessRunner.formpipe(["convert", Fixtures.corpus.appendingPathComponent("dev-02.txt").path, "--out", folder.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stderr.contains("converted 1 of 1 files: 2 forms"))
        let usage = try ProcessRunner.formpipe(["convert", "--no-such-option"])
        #expect(usage.status == 2)
    }

    @Test func convertingAgainReplacesTheFolderAtomically() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = Fixtures.corpus.appendingPathComponent("dev-01.txt")
        for _ in 0..<2 {
            let result = try ProcessRunner.formpipe(["convert", input.path, "--out", folder.path])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        #expect(entries.sorted() == ["dev-01", "index.html"])
        let staging = folder.appendingPathComponent(".formpipe-staging")
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []
        #expect(leftovers.isEmpty, "staging leftovers: \(leftovers)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("dev-01/manifest.json"))) as? [String: Any]
        #expect(manifest?["forms"] as? Int == 1)
        // The digest of the input's bytes, by another implementation than formpipe's.
        let sha256sum = Process()
        sha256sum.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        sha256sum.arguments = [input.path]
        let digest = Pipe()
        sha256sum.standardOutput = digest
        try sha256sum.run()
        let expected = String(decoding: digest.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        sha256sum.waitUntilExit()
        #expect(manifest?["sha256"] as? String == String(expected))
        #expect(manifest?["status"] as? String == "converted")
    }
}
