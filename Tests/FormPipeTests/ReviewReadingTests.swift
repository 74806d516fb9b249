import Foundation
import Testing

@testable import FormPipeCore
@testable import FormPipeRecord
@testable import FormPipeReview

/// Reading outputs back: the JSON parser keeps printed digits and key order, and a record read
/// from its file writes back byte for byte.
struct ReviewReadingTests {
    @Test func numbersKeepTheirPrintedDigitsAndKeysTheirOrder() throws {
        let value = try JSONValueParser.parse(#"{"z": 587.049060, "a": [1, -0.50, 1E+3], "m": null, "t": true}"#)
        #expect(value.compact() == #"{"z":587.049060,"a":[1,-0.50,1E+3],"m":null,"t":true}"#)
    }

    @Test(arguments: [
        (#""\u4e2d\u6587""#, "中文"), (#""a\"b\\c\/d""#, "a\"b\\c/d"), (#""\ud83d\ude00""#, "😀"),
        (#""line\nnext\ttab""#, "line\nnext\ttab"), (#""项目名称""#, "项目名称"),
    ])
    func stringsUnescape(json: String, text: String) throws {
        #expect(try JSONValueParser.parse(json) == .string(text))
    }

    /// Strings with escapes are gathered as UTF-8 and decoded once: a damaged sequence right
    /// before an escape must decode as it does alone (one U+FFFD), and CJK around escapes stays.
    @Test(arguments: [
        ([0x22, 0xE4, 0xB8, 0x5C, 0x6E, 0x22], "\u{FFFD}\n"),
        ([0x22, 0xE4, 0xB8, 0x5C, 0x75, 0x30, 0x30, 0x42, 0x38, 0x22], "\u{FFFD}\u{B8}"),
        (Array(#""年初\"预\n算\u6570 ""#.utf8), "年初\"预\n算数 "),
        ([0x22, 0xFF, 0x5C, 0x74, 0xE4, 0xB8, 0xAD, 0x22], "\u{FFFD}\t中"),
    ] as [([UInt8], String)])
    func escapedStringsDecodeLikeTheirParts(bytes: [UInt8], text: String) throws {
        #expect(try JSONValueParser.parse(utf8: bytes) == .string(text))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "\"open", "\"\\ud800\"", "\"\\x\"", "tru", "[1] 2",
        "\"tab\there\"", String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ])
    func malformedJSONIsRejected(text: String) {
        #expect(throws: JSONValueParser.SyntaxError.self) { try JSONValueParser.parse(text) }
    }

    @Test(arguments: Fixtures.stems)
    func convertedRecordsReadBackAndWriteTheSameBytes(stem: String) throws {
        let outbox = try ReviewFixtures.convertedOutbox(["\(stem).txt"])
        defer { try? FileManager.default.removeItem(at: outbox) }
        let folder = outbox.appendingPathComponent(stem)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where name.hasSuffix(".json") && name.hasPrefix("form-") {
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
            let record = try FormRecord(json: JSONValueParser.parse(text))
            #expect(record.json.pretty() == text, "\(stem)/\(name)")
        }
        let log = String(decoding: try Data(contentsOf: folder.appendingPathComponent("repairs.jsonl")), as: UTF8.self)
        #expect(try RepairLogFile(text: log, name: "repairs.jsonl").text == log)
    }

    @Test func aRecordWithAValueOfTheWrongTypeNamesItsPath() throws {
        let json = try JSONValueParser.parse(#"{"funds": [{"item": "年度资金总额", "executed": "48"}]}"#)
        #expect {
            try FormRecord(json: json)
        } throws: { error in
            (error as? FormRecord.JSONShapeError)?.path == "funds[0].executed"
        }
    }

    @Test func aFolderWithoutManifestIsNotADocument() throws {
        #expect {
            try ReviewDocument(name: "x", files: [("form-01.json", Data("{}".utf8))])
        } throws: { ($0 as? ReviewError)?.code == .unknownDocument }
    }
}
