import Foundation
import Testing
@testable import FormPipeLayout

/// The OCR-HTML reader over every `dev-0N.html` of the corpus, against what each file holds.
struct HTMLReaderCorpusTests {
    struct Expectation: CustomTestStringConvertible, Sendable {
        var stem: String
        var tables: Int
        var forms: Int
        /// Cells (exact text after reading, unique in the file) and the grid column they must have.
        var cellColumns: [(text: String, column: Int)]
        var testDescription: String { stem }
    }

    static let expectations: [Expectation] = [
        // Split at a page break; the second part continues merged cells with an empty cell.
        Expectation(stem: "dev-01", tables: 2, forms: 1, cellColumns: [
            ("指标2:支持企业数量", 3), ("质量指标", 2), ("全年\n预算数", 4), ("效益 指标", 1), ("总分", 0),
        ]),
        // Second form: header rows as a table of their own; inserted empty <td>s.
        Expectation(stem: "dev-02", tables: 3, forms: 2, cellColumns: [
            ("验收合格率", 3), ("12 月底前完成", 4), ("12.6921\n1", 3), ("参与党员满意度", 3),
        ]),
        Expectation(stem: "dev-03", tables: 1, forms: 1, cellColumns: [
            ("≤83.3674 万元", 4), ("指标1：工作完成质量", 3), ("成本指标", 2),
        ]),
        Expectation(stem: "dev-04", tables: 3, forms: 3, cellColumns: [
            ("指标2：做好对口支援、对口帮扶统筹协调和服务保障", 3), ("≥90%", 4), ("项目\n预算控制数", 3),
            ("可持续 影响指 标", 2),
        ]),
        Expectation(stem: "dev-05", tables: 1, forms: 1, cellColumns: [
            ("≥150家", 7), ("质量指标", 2), ("2021年 12月31 日前", 9), ("有所降\n低", 9),
        ]),
        Expectation(stem: "dev-06", tables: 2, forms: 1, cellColumns: [
            ("指标2:服务覆盖单位数", 3), ("指标5:完成质量", 3), ("成本指 标", 1), ("指标2:项目成本控制", 2),
        ]),
        // <thead>/<tbody>; an inserted empty <td> shifts one row of the first form.
        Expectation(stem: "dev-07", tables: 3, forms: 2, cellColumns: [
            ("210.3 7564 万 元", 4), ("服务覆盖单位数", 4), ("指标1：完成质量", 3), ("满意度 指标", 1),
        ]),
        // 产出指标 lost its rowspan: the rows below it are one cell short and start at column 1.
        Expectation(stem: "dev-08", tables: 2, forms: 1, cellColumns: [
            ("完成年度工作任务数", 1), ("故障响应时间", 2), ("项目预算控制数", 2), ("实施\n单位", 7), ("保障工作长期开展", 1),
        ]),
    ]

    @Test(arguments: expectations)
    func readsTablesAndGridColumns(_ expected: Expectation) throws {
        let document = try HTMLCorpus.read(expected.stem)
        #expect(document.kind == .ocrHTML)
        #expect(document.pages == [PageInfo(number: 1, textSource: .html)])
        #expect(HTMLCorpus.tableCount(document) == expected.tables)
        #expect(HTMLCorpus.cellsByForm(document).count == expected.forms)
        let cells = HTMLCorpus.allCells(document)
        for (text, column) in expected.cellColumns {
            let matches = cells.filter { $0.text == text }
            #expect(!matches.isEmpty, "\(expected.stem): no cell reads \(text.debugDescription)")
            for cell in matches {
                #expect(cell.column == column, "\(expected.stem): \(text.debugDescription) at column \(cell.column)")
            }
        }
        // No markup or undecoded entity survives in any text.
        for cell in cells {
            #expect(!cell.text.contains("<") && !cell.text.contains("&"), "\(expected.stem): \(cell.text.debugDescription)")
            #expect(!cell.text.contains("\u{A0}"))
        }
    }

    @Test func rowspanCellsAreNotRepeatedInLaterRows() throws {
        let document = try HTMLCorpus.read("dev-01")
        let rows = document.blocks.compactMap { block -> TableRow? in if case .row(let row) = block { row } else { nil } }
        let merged = try #require(rows.firstIndex { $0.cells.first?.text == "产出 指标" })
        #expect(rows[merged].cells[0].rowSpan == 8)
        #expect(rows[merged].cells[1].text == "数量指标" && rows[merged].cells[1].rowSpan == 3)
        // The next row holds only its own cells, from 三级指标 on.
        #expect(rows[merged + 1].cells.map(\.column) == [3, 6, 8, 10, 11, 12])
    }

    @Test func entitiesAndBreaksAreDecoded() throws {
        let dev05 = HTMLCorpus.allCells(try HTMLCorpus.read("dev-05"))
        // &mdash; and &nbsp;-only cells
        #expect(dev05.filter { $0.text == "—" }.count == 6)
        #expect(dev05.contains { $0.text.contains("健全单位的“免疫系统”") })  // &ldquo; &rdquo;
        // <p> paragraphs inside a goal cell
        let expectedGoal = try #require(dev05.first { $0.text.hasPrefix("（1）统筹协调") })
        #expect(expectedGoal.text.components(separatedBy: "\n\n").count == 5)
        #expect(!expectedGoal.text.contains("\n\n\n"))

        let dev03 = HTMLCorpus.allCells(try HTMLCorpus.read("dev-03"))
        #expect(dev03.filter { $0.text == "—" }.count == 6)  // &#8212;

        // A <br> after "。" in a long goal cell is a paragraph; other <br>s are line breaks.
        let dev01 = HTMLCorpus.allCells(try HTMLCorpus.read("dev-01"))
        let goal = try #require(dev01.first { $0.text.hasPrefix("项目期目标") })
        #expect(goal.text.contains("稳定就业岗位。\n\n增强受帮扶地区"))
        #expect(dev01.contains { $0.text == "11\n2万\n元" })

        // <br>s inside a <p> inside a cell stay line breaks.
        let dev04 = HTMLCorpus.allCells(try HTMLCorpus.read("dev-04"))
        #expect(dev04.contains { $0.text.hasPrefix("年度目标：做好平原造林地块养护管理，保证林木\n成活率，") })
    }

    @Test func textOutsideTablesBecomesLines() throws {
        let document = try HTMLCorpus.read("dev-04")
        let lines = document.blocks.compactMap { block -> String? in if case .text(let line) = block { line.text } else { nil } }
        #expect(lines == [
            "项目支出绩效自评表", "（2022年度）", "- 1 -", "项目支出绩效自评表", "（2022年度）", "- 2 -",
            "项目支出绩效自评表", "（2022年度）", "- 3 -",
        ])
        let dev02 = try HTMLCorpus.read("dev-02")
        guard case .text(let year) = dev02.blocks[1] else { Issue.record("no year line"); return }
        #expect(year.text == "( 2022 年度 )")  // "(&nbsp;2022 年度 )"
    }

    /// The corpus promises each gold text is whole in one cell once whitespace is removed: the
    /// reader must not split or merge cells. Checked per form for the project name and every
    /// indicator's level3, target and actual.
    @Test(arguments: HTMLCorpus.stems)
    func goldStringsAreWholeCells(stem: String) throws {
        let document = try HTMLCorpus.read(stem)
        let forms = HTMLCorpus.cellsByForm(document)
        let golds = try HTMLCorpus.gold(stem)
        try #require(forms.count == golds.count)
        var found = 0
        var total = 0
        for (cells, gold) in zip(forms, golds) {
            let cellTexts = cells.map { HTMLCorpus.squeezed($0.text) }
            var wanted: [(field: String, text: String)] = [("projectName", gold["projectName"] as? String ?? "")]
            for indicator in gold["indicators"] as? [[String: Any]] ?? [] {
                for field in ["level3", "target", "actual"] {
                    wanted.append(("indicators.\(field)", indicator[field] as? String ?? ""))
                }
            }
            for (field, text) in wanted {
                total += 1
                let count = cellTexts.filter { $0 == HTMLCorpus.squeezed(text) }.count
                if count > 0 { found += 1 }
                #expect(count > 0, "\(stem) \(field): no cell holds \(text.debugDescription) whole")
                if field == "projectName" || field == "indicators.level3" {
                    // Names are not repeated in other columns or rows of the same form.
                    #expect(count <= 1, "\(stem) \(field): \(text.debugDescription) is in \(count) cells")
                }
            }
        }
        print("gold strings whole in one cell, \(stem).html: \(found)/\(total) (\(found * 100 / max(total, 1))%)")
        #expect(found == total)
    }
}
