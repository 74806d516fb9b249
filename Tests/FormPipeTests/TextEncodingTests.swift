import Foundation
import Testing
@testable import FormPipeCore
@testable import FormPipeExtract

/// OCR text in every encoding and line-end convention the tools write, decoded strictly.
struct TextEncodingTests {
    private static let sample = "项目支出绩效自评表\t（2022年度）\n项目名称\t北京市消费帮扶\n"

    @Test(arguments: ["\n", "\r\n", "\r"])
    func lineEndsAreAllAlike(ending: String) throws {
        let text = Self.sample.replacingOccurrences(of: "\n", with: ending)
        let document = try OCRTextReader().read(Data(text.utf8), displayName: "t.txt")
        #expect(document.blocks.count == 3, "title, row, the break the final line end makes")
        guard case .row(let row) = document.blocks[1] else { Issue.record("no row: \(document.blocks)"); return }
        #expect(row.cells.map(\.text) == ["项目名称", "北京市消费帮扶"])
    }

    @Test func encodingsAreDetectedAndNamedInTheNotes() throws {
        let utf16LE = Data([0xFF, 0xFE]) + Self.sample.data(using: .utf16LittleEndian)!
        let utf16BE = Data([0xFE, 0xFF]) + Self.sample.data(using: .utf16BigEndian)!
        let utf32LE = Data([0xFF, 0xFE, 0, 0]) + Self.sample.data(using: .utf32LittleEndian)!
        let utf32BE = Data([0, 0, 0xFE, 0xFF]) + Self.sample.data(using: .utf32BigEndian)!
        let cases: [(Data, String)] = [
            (Data(Self.sample.utf8), "UTF-8"), (Data([0xEF, 0xBB, 0xBF]) + Data(Self.sample.utf8), "UTF-8 with BOM"),
            (utf16LE, "UTF-16LE"), (utf16BE, "UTF-16BE"), (utf32LE, "UTF-32LE"), (utf32BE, "UTF-32BE"),
            (try Self.gb18030(Self.sample), "GB18030"),
        ]
        for (data, encoding) in cases {
            let document = try OCRTextReader().read(data, displayName: "t.txt")
            #expect(document.notes["text.encoding"] == encoding)
            #expect(document.blocks.count == 3, "\(encoding)")
        }
    }

    @Test func aDamagedUTF8FileNamesTheBadByteInsteadOfPassingForGB18030() {
        var bytes = [UInt8](Self.sample.utf8)
        bytes.insert(0xFF, at: 9)
        #expect(throws: ConversionError.self) { try OCRTextReader().read(Data(bytes), displayName: "t.txt") }
        do {
            _ = try OCRTextReader().read(Data(bytes), displayName: "t.txt")
        } catch {
            #expect(error.code == .badEncoding)
            #expect(error.reason.contains("byte 9 is 0xFF"), "\(error.reason)")
        }
        let truncated = Data([0xFF, 0xFE, 0x41])
        #expect((try? OCRTextReader().read(truncated, displayName: "t.txt")) == nil)
        let loneSurrogate = Data([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])
        #expect((try? OCRTextReader().read(loneSurrogate, displayName: "t.txt")) == nil)
    }

    @Test func aDamagedGB18030FileNamesWhereEachDecodingStopped() throws {
        let bytes = try Self.gb18030("项目名称") + Data([0x81, 0x20]) + (try Self.gb18030("北京"))
        guard case .failure(let failure) = TextEncodingDetector.decode(bytes) else { Issue.record("decoded"); return }
        #expect(failure.message == "the text is not valid UTF-8 (byte 0 is 0xCF) nor GB18030 (byte 8 is 0x81): save the OCR output as UTF-8 and drop it again")
    }

    @Test func aByteOrderMarkDecidesAndItsEncodingIsNamedWhenTheBytesBreakIt() {
        guard case .failure(let failure) = TextEncodingDetector.decode(Data([0xFE, 0xFF, 0x00, 0x41, 0xDC, 0x00])) else { Issue.record("decoded"); return }
        #expect(failure.message == "the text is not valid UTF-16BE as its byte-order mark says (byte 4 is 0xDC): save the OCR output as UTF-8 and drop it again")
    }

    /// GB18030 bytes through iconv(1), the reference independent of the decoder under test.
    static func gb18030(_ text: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", "GB18030"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
