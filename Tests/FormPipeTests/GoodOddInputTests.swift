import Foundation
import Testing

/// Inputs that look odd but hold a form: they convert, with what made them odd said in the
/// manifest or the repair log (the other half of "every input a clear answer").
struct GoodOddInput: Sendable, CustomTestStringConvertible {
    var label: String
    var name: String
    var bytes: @Sendable () throws -> Data
    /// A fragment the manifest must hold (the encoding note), or the repair log.
    var manifestHolds: String?
    var repairsHold: String?
    var testDescription: String { label }

    private static func corpus(_ name: String, _ transform: @escaping @Sendable (Data) -> Data = { $0 }) -> @Sendable () throws -> Data {
        { transform(try Data(contentsOf: Fixtures.corpus.appendingPathComponent(name))) }
    }

    private static func text(_ transform: @escaping @Sendable (String) -> String) -> @Sendable () throws -> Data {
        { Data(transform(String(decoding: try Data(contentsOf: Fixtures.corpus.appendingPathComponent("dev-02.txt")), as: UTF8.self)).utf8) }
    }

    /// dev-02.txt in `encoding`, after its byte-order mark.
    private static func encoded(_ mark: [UInt8], _ encoding: String.Encoding) -> @Sendable () throws -> Data {
        { Data(mark) + String(decoding: try Data(contentsOf: Fixtures.corpus.appendingPathComponent("dev-02.txt")), as: UTF8.self).data(using: encoding)! }
    }

    static let catalogue: [GoodOddInput] = [
        GoodOddInput(label: "CRLF line ends", name: "crlf.txt", bytes: text { $0.replacingOccurrences(of: "\n", with: "\r\n") }, manifestHolds: "\"text.encoding\": \"UTF-8\""),
        GoodOddInput(label: "CR line ends", name: "cr.txt", bytes: text { $0.replacingOccurrences(of: "\n", with: "\r") }),
        GoodOddInput(label: "UTF-8 BOM", name: "bom.txt", bytes: corpus("dev-02.txt") { Data([0xEF, 0xBB, 0xBF]) + $0 }, manifestHolds: "UTF-8 with BOM"),
        GoodOddInput(label: "UTF-16 LE with BOM", name: "u16le.txt", bytes: encoded([0xFF, 0xFE], .utf16LittleEndian), manifestHolds: "UTF-16LE"),
        GoodOddInput(label: "UTF-16 BE with BOM", name: "u16be.txt", bytes: encoded([0xFE, 0xFF], .utf16BigEndian), manifestHolds: "UTF-16BE"),
        GoodOddInput(label: "UTF-32 LE with BOM", name: "u32le.txt", bytes: encoded([0xFF, 0xFE, 0, 0], .utf32LittleEndian), manifestHolds: "UTF-32LE"),
        GoodOddInput(label: "UTF-32 BE with BOM", name: "u32be.txt", bytes: encoded([0, 0, 0xFE, 0xFF], .utf32BigEndian), manifestHolds: "UTF-32BE"),
        GoodOddInput(label: "control characters in labels and values", name: "controls.txt",
                     bytes: text { $0.replacingOccurrences(of: "项目名称", with: "项目\u{1B}名\u{7F}称").replacingOccurrences(of: "市支援合作办", with: "市\u{1}支援\u{85}合作办") },
                     repairsHold: "control-characters"),
        GoodOddInput(label: "GB18030", name: "gbk.txt", bytes: { try TextEncodingTests.gb18030(String(decoding: try corpus("dev-02.txt")(), as: UTF8.self)) },
                     manifestHolds: "GB18030"),
        GoodOddInput(label: "NUL bytes in values", name: "nul-values.txt", bytes: text { $0.replacingOccurrences(of: "市支援合作办", with: "\u{0}市支援合作办") },
                     repairsHold: "control-characters"),
        GoodOddInput(label: "PDF bytes named txt", name: "report.txt", bytes: corpus("dev-02.pdf")),
        GoodOddInput(label: "HTML nested 200 deep", name: "deep200.html", bytes: {
            guard case .bytes(let make) = BadInput.nested(200) else { return Data() }
            return try make()
        }),
    ]
}

@Suite(.serialized)
struct GoodOddInputTests {
    @Test(arguments: GoodOddInput.catalogue)
    func convertsAndSaysWhatWasOdd(_ input: GoodOddInput) throws {
        let folder = try Fixtures.temporaryFolder("formpipe-odd")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(input.name)
        try input.bytes().write(to: path)
        let outbox = folder.appendingPathComponent("out")
        let result = try ProcessRunner.formpipe(["convert", path.path, "--out", outbox.path])
        #expect(result.status == 0, "\(result.stderr)")
        let stem = (input.name as NSString).deletingPathExtension
        let manifest = String(decoding: (try? Data(contentsOf: outbox.appendingPathComponent("\(stem)/manifest.json"))) ?? Data(), as: UTF8.self)
        #expect(manifest.contains("\"source\": \"\(input.name)\""), "\(manifest)")
        #expect(manifest.contains("\"forms\": 2"), "\(manifest)")
        if let holds = input.manifestHolds { #expect(manifest.contains(holds), "\(manifest)") }
        let records = try FileManager.default.contentsOfDirectory(atPath: outbox.appendingPathComponent(stem).path)
            .filter { $0.hasPrefix("form-") && $0.hasSuffix(".json") }
        for record in records {
            let text = String(decoding: try Data(contentsOf: outbox.appendingPathComponent("\(stem)/\(record)")), as: UTF8.self)
            #expect(!text.contains("\\u00"), "a control character reached a value in \(record)")
            #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" }, "in \(record)")
        }
        if let holds = input.repairsHold {
            let repairs = String(decoding: try Data(contentsOf: outbox.appendingPathComponent("\(stem)/repairs.jsonl")), as: UTF8.self)
            #expect(repairs.contains(holds))
        }
    }
}

extension GoodOddInputTests {
    /// A name whose bytes are not UTF-8 (`a\xFF\xFE.txt`): `convert` opens it by those bytes
    /// (Swift's String would turn them into U+FFFD and say "does not exist"), and the manifest
    /// names it with the bytes escaped.
    @Test func aNameThatIsNotUTF8IsConvertedUnderItsExactName() throws {
        let folder = try Fixtures.temporaryFolder("formpipe-odd")
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = try Data(contentsOf: Fixtures.corpus.appendingPathComponent("dev-02.txt"))
        let rawName: [UInt8] = [0x61, 0xFF, 0xFE, 0x2E, 0x74, 0x78, 0x74]
        let descriptor = (folder.path.utf8 + [0x2F] + rawName + [0]).withUnsafeBufferPointer { path in
            path.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        }
        #expect(descriptor >= 0)
        _ = content.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        // Through the shell: a Process argument is a Swift String and cannot carry the bytes.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", #"exec "$0" convert "$(printf 'a\377\376.txt')" --out out"#, Fixtures.formpipeBinary.path]
        shell.currentDirectoryURL = folder
        let errors = Pipe()
        shell.standardError = errors
        try shell.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0, "\(stderr)")
        let manifests = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path).filter { $0 != "index.html" && !$0.hasPrefix(".") }
        #expect(manifests.count == 1)
        let manifest = String(decoding: (try? Data(contentsOf: folder.appendingPathComponent("out/\(manifests.first ?? "")/manifest.json"))) ?? Data(), as: UTF8.self)
        #expect(manifest.contains(#""source": "a\\xFF\\xFE.txt""#), "\(manifest)")
    }
}
