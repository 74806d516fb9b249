import Foundation
import Testing
@testable import FormPipeCore
@testable import FormPipeExtract
@testable import FormPipeLayout

/// The OCR-HTML reader on small hand-written inputs: each damage pattern of OCR HTML, tag soup,
/// and hostile files.
struct HTMLReaderDamageTests {
    private func read(_ html: String) throws -> ExtractedDocument {
        try OCRHTMLReader().read(Data(html.utf8), displayName: "test.html")
    }

    private func rows(_ document: ExtractedDocument) -> [[TableCell]] {
        document.blocks.compactMap { block in if case .row(let row) = block { row.cells } else { nil } }
    }

    private func lines(_ document: ExtractedDocument) -> [String] {
        document.blocks.compactMap { block in if case .text(let line) = block { line.text } else { nil } }
    }

    private func cellText(_ inner: String) throws -> String {
        let cells = rows(try read("<table><tr><td>\(inner)</td></tr></table>")).flatMap { $0 }
        return cells.first?.text ?? "<no cell>"
    }

    static let longSentence = "项目期目标：带动受援地区特色产业发展，促进东西部支援合作共赢，稳定就业岗位。"

    @Test(arguments: [
        // wrapped cell text: <br> is a line break, spaces stay for the repair stage to judge
        ("全年<br>预算数", "全年\n预算数"),
        ("年初预 算数", "年初预 算数"),
        ("587.0490 60", "587.0490 60"),
        ("48万 元", "48万 元"),
        // stray <br> at either end, and an empty line between two <br>s of one wrap
        ("<br>48万<br/>", "48万"),
        ("10<br>", "10"),
        ("a<br><br>b", "a\n\nb"),
        ("a<br> <br>b", "a\n\nb"),
        // a <br> after sentence-final punctuation: a paragraph in a long cell, a wrap in a short one
        (longSentence + "<br>增强群众获得感。", longSentence + "\n\n增强群众获得感。"),
        (longSentence + "<br>增强群众获得感", longSentence + "\n\n增强群众获得感"),
        ("符合要求。<br>良好", "符合要求。\n良好"),
        ("带动受援地区特色<br>产业发展，促进东西部支援合作共赢，稳定就业岗位，增强获得感和幸福感与安全感。", "带动受援地区特色\n产业发展，促进东西部支援合作共赢，稳定就业岗位，增强获得感和幸福感与安全感。"),
        // <p> inside a cell is a paragraph; nested inline tags contribute their text
        ("<p>（1）一</p><p>（2）二</p>", "（1）一\n\n（2）二"),
        ("<p>甲</p>", "甲"),
        ("<span>48</span> <b>万</b><i>元</i>", "48 万元"),
        ("<div><span>指标</span><br><b>1</b></div>", "指标\n1"),
        // entities, decoded by libxml2; &nbsp; is a space
        ("12&nbsp;月底前完成", "12 月底前完成"),
        ("&nbsp;", ""),
        ("&amp;&lt;&gt;&quot;&#x4E2D;&#20013;&mdash;&ge;&le;&ldquo;&rdquo;", "&<>\"中中—≥≤“”"),
        ("&#8212;", "—"),
        // source formatting is not text: newlines and indentation collapse like in a browser
        ("\n    年度资金总额\n  ", "年度资金总额"),
        ("行一\n行二", "行一 行二"),
        ("<!-- 注释 -->文本<script>alert(1)</script>", "文本"),
        ("　缩进", "　缩进"),
    ])
    func cellText(html: String, expected: String) throws {
        #expect(try cellText(html) == expected)
    }

    @Test func tagSoupIsReadAsMeant() throws {
        // Unclosed cells and rows, unquoted upper-case attributes, no </table>.
        let soup = try read("<TABLE><TR><TD ROWSPAN=2>甲<TD>乙<TR><TD>丙</TABLE><p>尾")
        #expect(rows(soup).map { $0.map(\.text) } == [["甲", "乙"], ["丙"]])
        #expect(rows(soup).map { $0.map(\.column) } == [[0, 1], [1]])
        #expect(lines(soup) == ["尾"])

        // Stray closing tags, a <td> outside any <tr>, a page number between rows.
        let stray = try read("<table></td><td>散</td><tr><td>a</td></tr></tr>- 1 -<tr><td>b</td></tr></table>")
        #expect(rows(stray).map { $0.map(\.text) } == [["散"], ["a"], ["b"]])
        #expect(lines(stray) == ["- 1 -"])

        // An unclosed <p> before a table, a table inside <div><span>, a table in a cell.
        let nested = try read("<p>标题<div><span><table><tr><td>外<table><tr><td>内</td></tr></table></td></tr></table></span></div>")
        #expect(lines(nested) == ["标题"])
        #expect(nested.blocks.filter { $0 == .tableBreak(page: nil) }.count == 1)
        #expect(rows(nested).map { $0.map(\.text) } == [["外\n\n内"]])

        // Rows and cells inside wrappers that do not belong in a table.
        let wrapped = try read("<table><form><tr><td>甲</td></tr></form><div><tr><font><td>乙</td></font></tr>注</div><script>x()</script></table>")
        #expect(rows(wrapped).map { $0.map(\.text) } == [["甲"], ["乙"]])
        #expect(lines(wrapped) == ["注"])

        // <thead>/<tbody> sections do not break the grid.
        let sections = try read("<table><thead><tr><td rowspan=2>头</td><td>一</td></tr></thead><tbody><tr><td>二</td></tr></tbody></table>")
        #expect(rows(sections).map { $0.map(\.column) } == [[0, 1], [1]])
    }

    @Test func eachTableStartsWithABreakAndAGridOfItsOwn() throws {
        let split = try read("""
            <table><tr><td rowspan="3">绩效指标</td><td>甲</td></tr><tr><td>乙</td></tr></table>
            <p>- 1 -</p>
            <table><tr><td rowspan="2"></td><td>丙</td></tr><tr><td>丁</td></tr></table>
            """)
        #expect(split.blocks.count == 7)
        #expect(split.blocks[0] == .tableBreak(page: nil))
        #expect(split.blocks[3] == .text(TextLine(text: "- 1 -")))
        #expect(split.blocks[4] == .tableBreak(page: nil))
        let cells = rows(split)
        // The declared rowspan is kept although the table ends first: the merged cell goes on
        // in the next table.
        #expect(cells[0][0].rowSpan == 3)
        #expect(cells[1].map(\.column) == [1])
        #expect(cells[3].map(\.column) == [1])
        #expect(split.notes["html.tables"] == "2")
    }

    @Test func emptyAndTablelessFilesGiveWhatTextThereIs() throws {
        #expect(try read("").blocks.isEmpty)
        #expect(try read(" \n\t ").blocks.isEmpty)
        #expect(try read("<html><body></body></html>").blocks.isEmpty)
        let tableless = try read("<html><body><h1>项目支出绩效自评表</h1><p>（2022年度）</p>说明<br>第二行</body></html>")
        #expect(lines(tableless) == ["项目支出绩效自评表", "（2022年度）", "说明", "第二行"])
        #expect(tableless.pages == [PageInfo(number: 1, textSource: .html)])
        #expect(lines(try read("只有文字，没有标签")) == ["只有文字，没有标签"])
    }

    @Test func encodings() throws {
        let html = "<html><body><p>项目支出绩效自评表</p><table><tr><td>年初预算数</td></tr></table></body></html>"
        let utf8 = try OCRHTMLReader().read(Data(html.utf8), displayName: "t")
        let bom = try OCRHTMLReader().read(Data([0xEF, 0xBB, 0xBF] + Array(html.utf8)), displayName: "t")
        // GB18030 without any declaration, as Chinese office software writes it.
        let gb = try OCRHTMLReader().read(gb18030HTML, displayName: "t")
        for document in [utf8, bom, gb] {
            #expect(lines(document) == ["项目支出绩效自评表"])
            #expect(rows(document).first?.first?.text == "年初预算数")
        }
        #expect(gb.notes["html.encoding"] == "GB18030")
    }

    /// The same document in GB18030 bytes (Foundation on Linux has no GB18030 encoder).
    private var gb18030HTML: Data {
        let title: [UInt8] = [0xCF, 0xEE, 0xC4, 0xBF, 0xD6, 0xA7, 0xB3, 0xF6, 0xBC, 0xA8, 0xD0, 0xA7, 0xD7, 0xD4, 0xC6, 0xC0, 0xB1, 0xED]
        let label: [UInt8] = [0xC4, 0xEA, 0xB3, 0xF5, 0xD4, 0xA4, 0xCB, 0xE3, 0xCA, 0xFD]  // 年初预算数
        return Data("<html><body><p>".utf8) + title + Data("</p><table><tr><td>".utf8) + label
            + Data("</td></tr></table></body></html>".utf8)
    }

    /// An HTML file is data: no DOCTYPE, entity or system identifier may make the reader open
    /// a local file.
    @Test func hostileEntitiesReadNoFiles() throws {
        let secretFile = FileManager.default.temporaryDirectory.appendingPathComponent("formpipe-secret-\(UUID().uuidString).txt")
        let secret = "FORMPIPE-SECRET-\(UUID().uuidString)"
        try secret.write(to: secretFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secretFile) }

        var passwdMarker: String?
        if let passwd = try? String(contentsOfFile: "/etc/passwd", encoding: .utf8), passwd.contains("root:") {
            passwdMarker = "root:"
        }
        for target in [secretFile.absoluteString, secretFile.path, "/etc/passwd", "file:///etc/passwd"] {
            let inputs = [
                "<!DOCTYPE html [<!ENTITY xxe SYSTEM \"\(target)\">]><html><body><p>&xxe;</p><table><tr><td>&xxe;</td></tr></table></body></html>",
                "<!DOCTYPE html SYSTEM \"\(target)\"><html><body><p>正文</p></body></html>",
                "<?xml version=\"1.0\"?><!DOCTYPE html [<!ENTITY % p SYSTEM \"\(target)\"> %p;]><html><body>&xxe;</body></html>",
                "<html><body><iframe src=\"\(target)\"></iframe><object data=\"\(target)\"></object><p>正文</p></body></html>",
            ]
            for html in inputs {
                let document = try read(html)
                let texts = lines(document) + rows(document).flatMap { $0.map(\.text) }
                for text in texts {
                    #expect(!text.contains(secret), "read \(target) through \(html)")
                    if let passwdMarker { #expect(!text.contains(passwdMarker), "read /etc/passwd through \(html)") }
                }
            }
        }
    }

    @Test func hostileStructureStaysBounded() throws {
        // Nesting far beyond any form: libxml2 stops at its depth limit, the walker never
        // recurses past its own; no crash, no stack overflow.
        let deep = String(repeating: "<div><span>", count: 50_000) + "深" + String(repeating: "</span></div>", count: 50_000)
        _ = try read(deep)
        let deepCell = "<table><tr><td>" + String(repeating: "<b>", count: 230) + "深" + "</td></tr></table>"
        #expect(rows(try read(deepCell)).first?.first?.text == "深")

        // Absurd spans are clamped to HTML's limits instead of building a huge grid.
        let wide = try read("<table><tr><td colspan=99999999 rowspan=99999999>大</td><td>b</td></tr><tr><td>c</td></tr></table>")
        let cells = rows(wide)
        #expect(cells[0][0].columnSpan == TableGridLayout.maximumColumnSpan)
        #expect(cells[0][0].rowSpan == TableGridLayout.maximumRowSpan)
        #expect(cells[0][1].column == TableGridLayout.maximumColumnSpan)
        #expect(cells[1][0].column == TableGridLayout.maximumColumnSpan)
    }

    @Test func unreadableFileIsAnExtractError() {
        let missing = URL(fileURLWithPath: "/nonexistent/formpipe/missing.html")
        #expect(throws: ConversionError.self) { try OCRHTMLReader().extract(file: missing, displayName: "missing.html") }
        do {
            _ = try OCRHTMLReader().extract(file: missing, displayName: "missing.html")
        } catch {
            #expect(error.code == .unreadable && error.stage == .extract && error.file == "missing.html")
        }
    }
}
