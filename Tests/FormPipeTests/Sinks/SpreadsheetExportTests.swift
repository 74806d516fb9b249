import Foundation
import Testing

/// `formpipe export --xlsx/--csv`, checked by opening the workbook with a real reader (Python's
/// openpyxl) rather than by looking at the bytes formpipe wrote.
@Suite(.serialized)
struct SpreadsheetExportTests {
    /// Reads every sheet: name, header row, and each row's values with their Python types and links.
    static let reader = """
        import json, sys, openpyxl
        book = openpyxl.load_workbook(sys.argv[1])
        out = {}
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows():
                rows.append([{"v": c.value, "t": type(c.value).__name__,
                              "link": c.hyperlink.target if c.hyperlink else None} for c in row])
            out[sheet.title] = rows
        print(json.dumps({"order": book.sheetnames, "sheets": out}, ensure_ascii=False))
        """

    private func convertCorpus(into folder: URL) throws -> URL {
        let outbox = folder.appendingPathComponent("outbox")
        let inputs = Fixtures.stems.map { Fixtures.corpus.appendingPathComponent("\($0).txt").path }
        let result = try ProcessRunner.formpipe(["convert"] + inputs + ["--out", outbox.path, "--jobs", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        return outbox
    }

    @Test func theWorkbookHasFourSheetsWithPrintedHeadersNumbersAndLinks() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = try convertCorpus(into: folder)
        let workbook = folder.appendingPathComponent("forms.xlsx")
        let export = try ProcessRunner.formpipe(["export", outbox.path, "--xlsx", workbook.path])
        #expect(export.status == 0, "\(export.stderr)")

        let read = FormPipeBinary.run("/usr/bin/python3", ["-c", Self.reader, workbook.path])
        #expect(read.status == 0, "openpyxl could not read the workbook: \(read.errorOutput)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(read.output.utf8)) as? [String: Any])
        #expect(parsed["order"] as? [String] == ["表单", "绩效指标", "修复", "发现"])
        let sheets = try #require(parsed["sheets"] as? [String: [[[String: Any]]]])

        let expected = try OutboxExpectation(outbox: outbox)
        let forms = try #require(sheets["表单"])
        let headers = forms[0].map { $0["v"] as? String ?? "" }
        for label in ["项目名称", "主管部门", "实施单位", "项目负责人", "联系电话", "年度资金总额·全年执行数", "其他资金·执行率", "总分·得分", "修复数", "发现数", "复核页"] {
            #expect(headers.contains(label), "no column \(label) in \(headers)")
        }
        #expect(forms.count - 1 == expected.forms)
        #expect(try #require(sheets["绩效指标"]).count - 1 == expected.indicators)
        #expect(try #require(sheets["修复"]).count - 1 == expected.repairs)
        #expect(try #require(sheets["发现"]).count - 1 == expected.findings)

        // Each form row against its record: text as text, numbers as numbers, a link to its page.
        let column = { (label: String) in headers.firstIndex(of: label)! }
        let byFolder = Dictionary(uniqueKeysWithValues: expected.folders.map { ($1, $0) })
        for row in forms.dropFirst() {
            let document = row[column("文件")]["v"] as? String ?? ""
            let form = (row[column("表")]["v"] as? NSNumber)?.intValue ?? 0
            let sha = try #require(byFolder[document], "row for unknown document \(document)")
            let record = try #require(expected.records["\(sha)/\(form)"])
            #expect(row[column("项目名称")]["v"] as? String == record["projectName"] as? String)
            let executed = ((record["funds"] as? [[String: Any]])?.first?["executed"] as? NSNumber)?.doubleValue
            let cell = row[column("年度资金总额·全年执行数")]
            if let executed {
                #expect(["float", "int"].contains(cell["t"] as? String ?? ""), "not a number: \(cell)")
                #expect(abs(((cell["v"] as? NSNumber)?.doubleValue ?? .nan) - executed) < 1e-9, "\(document): \(cell)")
            } else {
                #expect(cell["t"] as? String == "NoneType")
            }
            let link = row[column("复核页")]["link"] as? String ?? ""
            #expect(link.hasPrefix("file://") && link.hasSuffix("/\(document)/review.html"), "\(link)")
            #expect(FileManager.default.fileExists(atPath: outbox.appendingPathComponent(document).appendingPathComponent("review.html").path))
        }
    }

    @Test func csvFilesHoldTheSameRows() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = try convertCorpus(into: folder)
        let csv = folder.appendingPathComponent("csv")
        let export = try ProcessRunner.formpipe(["export", outbox.path, "--csv", csv.path])
        #expect(export.status == 0, "\(export.stderr)")
        let expected = try OutboxExpectation(outbox: outbox)
        // Python's csv module: a real parser of quoted fields with line breaks.
        let counter = """
            import csv, json, sys
            out = {}
            for name in ["forms", "indicators", "repairs", "findings"]:
                with open(f"{sys.argv[1]}/{name}.csv", encoding="utf-8-sig", newline="") as f:
                    rows = list(csv.reader(f))
                out[name] = {"rows": len(rows) - 1, "header": rows[0]}
            print(json.dumps(out, ensure_ascii=False))
            """
        let read = FormPipeBinary.run("/usr/bin/python3", ["-c", counter, csv.path])
        #expect(read.status == 0, "\(read.errorOutput)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(read.output.utf8)) as? [String: [String: Any]])
        #expect(parsed["forms"]?["rows"] as? Int == expected.forms)
        #expect(parsed["indicators"]?["rows"] as? Int == expected.indicators)
        #expect(parsed["repairs"]?["rows"] as? Int == expected.repairs)
        #expect(parsed["findings"]?["rows"] as? Int == expected.findings)
        #expect((parsed["forms"]?["header"] as? [String])?.contains("项目名称") == true)
    }

    @Test func anEmptyOutboxIsOneClearLine() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ProcessRunner.formpipe(["export", folder.path, "--xlsx", folder.appendingPathComponent("x.xlsx").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no converted documents in \(folder.path)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.xlsx").path))
    }
}
