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

    static let catalogue: [GoodOddInput] = [
        GoodOddInput(label: "CRLF line ends", name: "crlf.txt", bytes: text { $0.replacingOccurrences(of: "\n", with: "\r\n") }, manifestHolds: "\"text.encoding\": \"UTF-8\""),
        GoodOddInput(label: "CR line ends", name: "cr.txt", bytes: text { $0.replacingOccurrences(of: "\n", with: "\r") }),
        GoodOddInput(label: "UTF-8 BOM", name: "bom.txt", bytes: corpus("dev-02.txt") { Data([0xEF, 0xBB, 0xBF]) + $0 }, manifestHolds: "UTF-8 with BOM"),
        GoodOddInput(label: "UTF-16 LE with BOM", name: "u16le.txt",
                     bytes: text { $0 }, manifestHolds: "UTF-16LE"),
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
        var data = try input.bytes()
        if input.name == "u16le.txt" {
            data = Data([0xFF, 0xFE]) + String(decoding: data, as: UTF8.self).data(using: .utf16LittleEndian)!
        }
        try data.write(to: path)
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
            #expect(!text.contains("\\u0000"), "a control character reached a value in \(record)")
        }
        if let holds = input.repairsHold {
            let repairs = String(decoding: try Data(contentsOf: outbox.appendingPathComponent("\(stem)/repairs.jsonl")), as: UTF8.self)
            #expect(repairs.contains(holds))
        }
    }
}
