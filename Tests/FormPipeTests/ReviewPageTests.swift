import Foundation
import Testing

@testable import FormPipeCore
@testable import FormPipeRecord
@testable import FormPipeReview

/// The review pages as HTML text: escaping, anchors, crops, and the index's order and links.
struct ReviewPageTests {
    @Test func textFromTheFormIsEscapedEverywhere() throws {
        var document = try ReviewFixtures.document()
        try document.decide(
            .set(form: 1, field: FieldPath(parsing: "projectName")!, typed: #"<script>alert("x")</script> & 'q'"#),
            by: ReviewFixtures.reviewer)
        let html = document.pageHTML(outbox: "/tmp/out box")
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"))
        // The finding's message holds "<b>" as text, not as markup.
        #expect(html.contains("执行率 &lt;b&gt;100%&lt;/b&gt;"))
        #expect(!html.contains("<b>100%"))
        // The suggested commands quote the outbox path for the shell.
        #expect(html.contains("--outbox &#39;/tmp/out box&#39;"))
    }

    @Test func repairedCellsCarryTheirRepairsAndFindingsTheirOutline() throws {
        let html = try ReviewFixtures.document().pageHTML(outbox: nil)
        // The split number's cell: coloured by confidence, with its chip and before → after.
        #expect(html.contains(#"id="f1-funds-0-initialBudget" class="num c-high""#))
        #expect(html.contains("<del>587.0490 60</del>"))
        #expect(html.contains("<ins>587.049060</ins>"))
        // A whole-row repair is shown on the row's 三级指标 cell.
        #expect(html.contains(#"id="f1-indicators-1-level3" class="text c-mid""#))
        // Findings outline the fields they name and link to the list at the top.
        #expect(html.contains(#"id="f1-funds-0-executed" class="num finding""#))
        #expect(html.contains(#"<li id="F1">"#))
        // Each repair has a row in the list the index links to.
        for id in ["R1", "R2", "R3", "R4", "R5"] { #expect(html.contains(#"<tr id="\#(id)""#)) }
        for label in ["项目名称", "主管部门", "项目资金（万元）", "年初预算数", "绩效指标", "偏差原因分析及改进措施", "总分"] {
            #expect(html.contains(">\(label)<"), "\(label)")
        }
    }

    @Test(
        arguments: ["seed/000_64081db4c2035150.txt"] + Fixtures.stems.map { "\($0).txt" } + [
            "dev-02.html", "dev-05.html",
        ])
    func everyRepairIsDrawnOnItsCellOrRow(file: String) throws {
        let outbox = try ReviewFixtures.convertedOutbox([file])
        defer { try? FileManager.default.removeItem(at: outbox) }
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: outbox.path).first {
                !$0.hasPrefix(".") && $0 != "index.html"
            })
        let document = try ReviewDocument.load(name: name, outbox: outbox)
        let html = document.pageHTML(outbox: nil)
        for repair in document.log.repairs {
            let anchor = HTMLBuilder.anchor(form: repair.form, field: repair.field)
            #expect(html.contains(#"id="\#(anchor)""#), "\(name) \(repair.id) \(repair.field)")
            #expect(html.contains(#"<tr id="\#(repair.id)""#), "\(name) \(repair.id) not in the list")
            #expect(
                html.contains(repair.id + " ·") || html.contains(repair.id + ", "), "\(name) \(repair.id) has no chip")
        }
    }

    @Test func cropsAreEmbeddedAsDataURIs() throws {
        var document = try ReviewFixtures.document()
        #expect(ScanCrops.key(form: 1, field: "funds[0].initialBudget") == "f01-funds-0-initialBudget")
        document.crops.images["f01-funds-0-initialBudget"] = Data([0x89, 0x50, 0x4E, 0x47])
        let html = document.pageHTML(outbox: nil)
        #expect(
            html.contains(
                #"src="data:image/png;base64,iVBORw==" alt="the page around R1" data-crop="f01-funds-0-initialBudget""#))
        #expect(!html.contains("http://") && !html.contains("https://"))
        // The crops travel with the folder, so a correction can draw the page without the PDF.
        let files = try document.outputFiles(outbox: nil)
        let stored = try #require(files.first { $0.0 == ScanCrops.fileName }?.1)
        #expect(try ScanCrops(json: JSONValueParser.parse(String(decoding: stored, as: UTF8.self))) == document.crops)
    }

    @Test func mergedCellsSpanTheirRuns() {
        #expect(FormTableHTML.mergedSpans(["a", "a", "b", "a", "a", "a"]) == [0: 2, 2: 1, 3: 3])
        #expect(FormTableHTML.mergedSpans([]) == [:])
    }

    @Test func anchorsAndURLsAreSafe() {
        #expect(HTMLBuilder.anchor(form: 2, field: "indicators[11].level2") == "f2-indicators-11-level2")
        #expect(HTMLBuilder.relativeURL("报告 #1?", "review.html") == "%E6%8A%A5%E5%91%8A%20%231%3F/review.html")
    }

    @Test func theIndexListsWorstFirstAndLinksToTheWeakestRepair() throws {
        let outbox = try ReviewFixtures.convertedOutbox(["dev-01.txt", "dev-03.txt", "dev-06.txt"])
        defer { try? FileManager.default.removeItem(at: outbox) }
        try DocumentReviewer(outbox: outbox).apply([.accept], to: "dev-06", by: ReviewFixtures.reviewer)

        let summaries = DocumentSummary.all(in: outbox).summaries
        #expect(summaries.map(\.name) == ["dev-01", "dev-03", "dev-06"])  // reviewed last, then by confidence
        #expect(summaries.last?.isReviewed == true)

        let index = String(decoding: try Data(contentsOf: outbox.appendingPathComponent("index.html")), as: UTF8.self)
        let weakest = try #require(summaries.first?.weakest)
        #expect(index.contains(#"href="dev-01/review.html#\#(weakest.id)" id="weakest""#))
        #expect(index.contains("已审阅 reviewed"))
        let page = String(
            decoding: try Data(contentsOf: outbox.appendingPathComponent("dev-01/review.html")), as: UTF8.self)
        #expect(page.contains(#"<tr id="\#(weakest.id)""#))
    }
}
