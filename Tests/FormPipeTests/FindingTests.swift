import Testing
@testable import FormPipeExtract
@testable import FormPipeRecord
@testable import FormPipeRepair
@testable import FormPipePipeline

/// The form's own inconsistencies are findings; the record keeps what was printed.
struct FindingTests {
    private func findings(funds: String, indicators: String, total: String?) -> (FormRecord, [Finding]) {
        var text = """
            ## 项目支出绩效自评表
            ( 2022 年度 )
            项目名称\t测试项目
            主管部门\t甲\t实施单位\t乙
            项目资金 (万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
            \(funds)
            绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
            \(indicators)

            """
        if let total { text += total }
        let output = DocumentConverter().convert(OCRTextReader().read(text))
        return (output.forms[0], output.findings)
    }

    private let consistentFunds = """
        \t年度资金总额\t48\t48\t48\t10\t100%\t10
        \t其中：当年财政拨款\t48\t48\t48\t—\t100%\t—
        \t上年结转资金\t\t\t\t—\t\t—
        \t其他资金\t\t\t\t—\t\t—
        """

    @Test func consistentFormHasNoFindings() {
        let (_, found) = findings(
            funds: consistentFunds, indicators: "\t产出指标\t成本指标\t与预算一致\t48万元\t48万元\t90\t89\t",
            total: "总分\t\t\t\t\t\t100\t99\t")
        #expect(found.isEmpty)
    }

    @Test func executionRateMismatchIsReportedAndKept() {
        let funds = """
            \t年度资金总额\t48.01\t48.01\t43.5076\t10\t100%\t10
            \t其中：当年财政拨款\t48.01\t48.01\t43.5076\t—\t100%\t—
            """
        let (record, found) = findings(funds: funds, indicators: "\t产出指标\t数量指标\t甲\t1\t1\t90\t89\t", total: "总分\t\t\t\t\t\t100\t99\t")
        #expect(record.funds[0].executionRate?.literal == "100")
        let rates = found.filter { $0.rule == "execution-rate-mismatch" }
        #expect(rates.count == 2)
        #expect(rates[0].fields.contains("funds[0].executionRate"))
    }

    @Test func roundingToAWholePercentIsNotAFinding() {
        let funds = "\t年度资金总额\t2407\t2407\t2405\t10\t100%\t10"
        let (_, found) = findings(funds: funds, indicators: "\t产出指标\t数量指标\t甲\t1\t1\t90\t89\t", total: "总分\t\t\t\t\t\t100\t99\t")
        #expect(!found.contains { $0.rule == "execution-rate-mismatch" })
    }

    @Test func reportsSumsTotalsScoresAndUnits() {
        let funds = """
            \t年度资金总额\t30.2\t30.2\t19.079\t10\t63%\t10
            \t其中：当年财政拨款\t30.2\t30.2\t19.0793\t—\t63%\t—
            """
        let (_, found) = findings(
            funds: funds,
            indicators: "\t产出指标\t成本指标\t预计资金\t30.2万\t30.2元\t10\t12\t",
            total: "总分\t\t\t\t\t\t100\t99\t")
        let rules = Set(found.map(\.rule))
        #expect(rules.isSuperset(of: ["funds-total-mismatch", "weights-total-mismatch", "scores-total-mismatch", "score-above-weight", "cost-unit-mismatch"]))
    }

    @Test func missingTotalRowIsReported() {
        let (_, found) = findings(funds: consistentFunds, indicators: "\t产出指标\t数量指标\t甲\t1\t1\t90\t89\t", total: nil)
        #expect(found.contains { $0.rule == "missing-total-row" })
    }
}
