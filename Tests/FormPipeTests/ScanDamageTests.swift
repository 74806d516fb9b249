import Foundation
import Testing

@testable import FormPipeCore
@testable import FormPipeDefinition
@testable import FormPipeExtract
@testable import FormPipeLayout
@testable import FormPipeRecord
@testable import FormPipePipeline

/// What a scan does to a page that the pipeline must survive: a header label read beyond
/// recognition (``HeaderLabelRestoration``) and a page fed upside down or sideways
/// (``PageOrientationDetector``).
@Suite(.serialized)
struct ScanDamageTests {
    static let degraded = Fixtures.root.appendingPathComponent("degraded")

    /// dev-01's born-digital blocks with the 项目名称 label cell replaced by `label`, and every
    /// cell of that row marked as read by OCR (`ocrConfidence`) when `byOCR`.
    private func dev01(projectNameLabel label: String, byOCR: Bool) throws -> ExtractedDocument {
        var extractor = PDFExtractor()
        extractor.ocr = nil
        var document = try extractor.extract(file: PDFCorpus.url("dev-01.pdf"), displayName: "dev-01.pdf")
        var replaced = 0
        document.blocks = document.blocks.map { block in
            guard case .row(var row) = block, row.cells.contains(where: { LabelText.compact($0.text) == "项目名称" }) else {
                return block
            }
            for index in row.cells.indices {
                if LabelText.compact(row.cells[index].text) == "项目名称" { row.cells[index].text = label }
                if byOCR { row.cells[index].ocrConfidence = 0.6 }
            }
            replaced += 1
            return .row(row)
        }
        #expect(replaced == 1)
        return document
    }

    @Test(arguments: ["项诗匈称", "=", ""])
    func aMisreadProjectNameLabelIsRestoredAboveTheDepartmentRow(label: String) throws {
        let output = DocumentConverter().convert(try dev01(projectNameLabel: label, byOCR: true))
        let form = try #require(output.forms.first, "the form is found although its 项目名称 reads \"\(label)\"")
        #expect(output.forms.count == 1)
        #expect(form.projectName == "消费帮扶助农增收项目")
        let repair = try #require(output.repairs.first { $0.rule == HeaderLabelRestoration.rule })
        #expect(repair.field == "projectName" && repair.before == label && repair.after == "项目名称")
        #expect(repair.confidence < 1)
        #expect(output.findings.contains { $0.rule == HeaderLabelRestoration.rule && $0.fields == ["projectName"] })
    }

    /// A text layer prints what the form prints: a row above 主管部门 with another label is
    /// another layout, and nothing is invented for it.
    @Test func aTextLayerLabelIsNeverRestored() throws {
        let output = DocumentConverter().convert(try dev01(projectNameLabel: "项目编号", byOCR: false))
        #expect(output.forms.isEmpty)
        #expect(!output.repairs.contains { $0.rule == HeaderLabelRestoration.rule })
    }

    private func row(_ texts: [String]) -> TableRow {
        TableRow(cells: texts.enumerated().map { TableCell(text: $1, column: $0, ocrConfidence: 0.5) })
    }

    /// var-12's funds header as Tesseract read it: 全年执行数 and 执行率 at their standard places
    /// say the garbled cells are the standard columns at theirs.
    @Test func garbledFundsHeadersAreTheStandardColumnsAtTheirPlaces() throws {
        let header = row(["项日(7刀1)", "", "年切甩算\n数", "全年你\n算效", "全年执行数", "分\n依", "执行率", "行分"])
        let restored = try #require(FundsBlockReader.restoredByPosition(header))
        #expect(restored.keys == FundsRow.numericKeys.map { Optional($0) })
        #expect(restored.restored.map(\.key) == ["initialBudget", "annualBudget", "weight", "score"])
        // Another layout (no 年初预算数 column: five columns) is not forced onto the standard one.
        #expect(FundsBlockReader.restoredByPosition(row(["项目资金", "全年预算数", "全年执行数", "分值", "执行率", "得分x"])) == nil)
        // Readable headers out of the standard order: not the standard layout.
        #expect(FundsBlockReader.restoredByPosition(row(["项目资金", "年切甩算", "全年执行数", "全年预算数", "分值", "执行率", "得分"])) == nil)
    }

    @Test func garbledIndicatorHeadersAreTheStandardColumnsAtTheirPlaces() throws {
        let header = row(["绩效指标", "-级指标", "二级指标", "-级 指标", "年度指标值", "蕊值", "分\n什", "得\n分", "但震原央分侨及改进捐施"])
        let restored = try #require(IndicatorColumns.restoredByPosition(header))
        #expect(restored.map(\.key) == ["level1", "level3", "actual", "weight", "deviation"])
        let columns = try #require(IndicatorColumns(header: header))
        #expect(columns.isStandard)
        #expect(IndicatorColumns.restoredByPosition(row(["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分", "x"])) == nil)
    }

    /// 成本指标 is a level1 and a level2; one word must not be its own runner-up.
    @Test func aWordOfBothLevelsSnaps() {
        #expect(IndicatorVocabulary.match("成本指幅")?.entry == "成本指标")
    }

    /// The light one-page scan dev-03, turned 180° and 270° and re-encoded
    /// (`bench/degrade_scan.py`), gives the upright scan's record.
    @Test(arguments: [("dev-03.t180.pdf", "1: 180°"), ("dev-03.t270.pdf", "1: 90°")])
    func aTurnedPageIsReadUpright(name: String, note: String) throws {
        ScanCorpus.warnIfThreadLimitUnset()
        let document = try PDFExtractor().extract(file: Self.degraded.appendingPathComponent(name), displayName: name)
        #expect(document.notes["ocr.pagesTurnedUpright"] == note)
        let turned = DocumentConverter().convert(document).forms
        let upright = try ScanCorpus.records("dev-03", .imageOnly)
        #expect(turned.count == upright.count)
        var agreement = GoldComparison()
        for (index, form) in turned.enumerated() {
            let record = try JSONSerialization.jsonObject(with: Data(form.json.pretty().utf8))
            agreement.compare(produced: record, gold: upright[index + 1] as Any, label: name)
        }
        print("\(name): agreement with the upright scan \(agreement.matched)/\(agreement.fields)")
        for line in agreement.mismatches.prefix(10) { print("  \(line)") }
        #expect(agreement.fields > 60)
        #expect(agreement.accuracy >= 0.9)
    }
}
