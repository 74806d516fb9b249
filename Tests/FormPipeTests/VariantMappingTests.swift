import Foundation
import Testing
@testable import FormPipeCore
@testable import FormPipeDefinition
@testable import FormPipeExtract
@testable import FormPipeLayout
@testable import FormPipeRecord
@testable import FormPipeRepair
@testable import FormPipePipeline

/// The mapper on printed variants written here, not taken from the variants corpus: other
/// orders of the columns, synonyms of the contract the corpus does not print, and several
/// variants in one form, so that the mechanism — labels and columns from the definition — is
/// what the tests exercise.
struct VariantMappingTests {
    private func convert(_ text: String) -> DocumentConverter.Output {
        DocumentConverter().convert(OCRTextReader().read(text))
    }

    private func convertHTML(_ html: String) throws -> DocumentConverter.Output {
        DocumentConverter().convert(try OCRHTMLReader().read(Data(html.utf8), displayName: "test.html"))
    }

    /// A 元 form with the year in its title, an 附件 line, the lead and phone in one cell, the
    /// funds columns in the 调整后预算数 layout in another order, a further funds row and
    /// thousands separators.
    private let yuanForm = """
        附件：
        ## 2023年度财政项目支出绩效自评表
        项目名称\t道路养护项目
        主管部门\t市交通局\t\t\t实施单位\t市公路中心
        项目负责人及电话\t王立新 010-8765 4321（办公）
        项目资金（元）\t\t调整后预算数\t预算执行数\t年初预算\t权重\t预算执行率\t得分
        \t资金总额：\t1,234,567.89\t1,000,000.00\t1234567.89\t10\t81%\t8.1
        \t其中:财政拨款\t1,000,000\t900,000\t1,000,000\t—\t90%\t—
        \t单位资金\t\t\t\t—\t\t—
        \t其他资金\t234,567.89\t100,000.00\t234,567.89\t—\t42.63%\t—
        年初设定目标\t完成道路养护。
        年度总体目标完成情况综述\t完成养护里程 120 公里。
        绩效指标\t一级指标\t二级指标\t三级指标\t权重\t指标性质\t指标值\t度量单位\t全年实际值\t得分\t未完成原因分析
        \t产出指标（40分）\t数量指标\t养护里程\t20\t≥\t120\t公里\t120公里\t20\t
        \t\t\t指标3\t\t\t\t\t\t\t
        \t\t时效指标\t按期完成\t20\t\t12月底前完成\t\t已完成\t18\t雨季影响
        \t效益指标（50分）\t社会效益指标\t通行条件\t50\t\t有所改善\t\t明显改善\t50\t
        \t\t生态效益指标\t\t\t\t\t\t\t\t
        \t满意度指标（10分）\t服务对象满意度指标等\t群众满意度\t10\t≥\t90\t%\t95%\t10\t
        总分\t\t\t\t100\t\t\t\t\t98\t
        评价等级\t良
        评价结论：\t项目完成较好。
        存在的问题\t无
        注：本表金额单位为元。
        """

    @Test func titleWithYearAndAttachmentLine() {
        let record = convert(yuanForm).forms[0]
        #expect(record.formType == "项目支出绩效自评表")
        #expect(record.title == "财政项目支出绩效自评表")
        #expect(record.year == 2023)
    }

    @Test func leadAndPhoneInOneCellAreSplitAndLogged() {
        let output = convert(yuanForm)
        #expect(output.forms[0].projectLead == "王立新")
        #expect(output.forms[0].phone == "01087654321")
        #expect(output.repairs.contains { $0.rule == LeadAndPhone.rule })
    }

    @Test func fundsAreReadByHeaderInYuanWithSeparators() {
        let output = convert(yuanForm)
        let record = output.forms[0]
        #expect(record.fundsUnit == "元")
        #expect(record.funds.map(\.item) == ["年度资金总额", "当年财政拨款", "上年结转资金", "其他资金", "单位资金"])
        let total = record.funds[0]
        #expect(total.initialBudget?.literal == "1234567.89")
        #expect(total.annualBudget?.literal == "1234567.89")
        #expect(total.executed?.literal == "1000000.00")
        #expect(total.weight?.literal == "10")
        #expect(total.executionRate?.literal == "81")
        #expect(total.score?.literal == "8.1")
        #expect(record.funds[1].annualBudget?.literal == "1000000")
        #expect(record.funds[2].executed == nil, "a standard row the form does not print is all null")
        #expect(record.funds[4].initialBudget == nil && record.funds[4].weight == nil)
        #expect(output.repairs.contains { $0.rule == "thousands-separator" && $0.field == "funds[0].annualBudget" })
    }

    @Test func stackedGoalLabelSynonyms() {
        let goals = convert(yuanForm).forms[0].goals
        #expect(goals.expected == "完成道路养护。")
        #expect(goals.actual == "完成养护里程120公里。")
    }

    @Test func indicatorColumnsInAnotherOrderWithSplitTarget() {
        let indicators = convert(yuanForm).forms[0].indicators
        #expect(indicators.map(\.level3) == ["养护里程", "按期完成", "通行条件", "群众满意度"])
        #expect(indicators[0].level1 == "产出指标")
        #expect(indicators[0].target == "≥120公里")
        #expect(indicators[0].actual == "120公里")
        #expect(indicators[0].weight?.literal == "20" && indicators[0].score?.literal == "20")
        #expect(indicators[1].level2 == "时效指标" && indicators[1].target == "12月底前完成")
        #expect(indicators[1].deviation == "雨季影响")
        #expect(indicators[2].level1 == "效益指标")
        #expect(indicators[3].level1 == "满意度指标" && indicators[3].level2 == "服务对象满意度指标")
        #expect(indicators[3].target == "≥90%")
    }

    @Test func totalGradeAndFooterRows() {
        let record = convert(yuanForm).forms[0]
        #expect(record.total.weight?.literal == "100" && record.total.score?.literal == "98")
        #expect(record.grade == "良")
        #expect(record.conclusion == "项目完成较好。")
        #expect(record.problems == "无")
        #expect(record.improvements == nil && record.remarks == nil)
    }

    /// 成本指标 as a level1 with its own level2s, next to 成本指标 as a level2 of 产出指标 in
    /// the same table.
    @Test func costIndicatorsAsLevel1AndAsLevel2() {
        let output = convert("""
            ## 项目支出绩效自评表
            ( 2024 年度 )
            项目名称\t测试项目
            绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
            \t产出指标\t数量指标\t甲\t1\t1\t10\t10\t
            \t\t成本指标\t乙\t≤5万元\t4万元\t10\t10\t
            \t成本指标（20分）\t经济成本指标\t丙\t≤5万元\t4万元\t10\t10\t
            \t\t生态环境成本指标\t丁\t无\t无\t10\t10\t
            \t效益指标\t社会效益指标\t戊\t提升\t提升\t60\t60\t
            总分\t\t\t\t\t\t100\t100\t
            """)
        let levels = output.forms[0].indicators.map { "\($0.level1)/\($0.level2)" }
        #expect(levels == ["产出指标/数量指标", "产出指标/成本指标", "成本指标/经济成本指标", "成本指标/生态环境成本指标", "效益指标/社会效益指标"])
    }

    /// The same reordered, split-target table as HTML, with merged level cells.
    @Test func htmlTableReadByItsHeader() throws {
        let output = try convertHTML("""
            <html><body><h2>绩效目标自评表（2022年度）</h2><table>
            <tr><td>项目名称</td><td colspan="9">测试项目</td></tr>
            <tr><td rowspan="4">绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>分值</td>
            <td>指标性质</td><td>指标值</td><td>计量单位</td><td>全年实际值</td><td>得分</td></tr>
            <tr><td rowspan="2">产出指标(60分)</td><td rowspan="2">数量指标</td><td>培训人次</td><td>30</td>
            <td>≥</td><td>735</td><td>人次</td><td>800人次</td><td>30</td></tr>
            <tr><td>……</td><td></td><td></td><td></td><td></td><td></td><td></td></tr>
            <tr><td>满意度指标</td><td colspan="2">服务对象满意度</td><td>10</td><td>≥</td><td>90</td><td>%</td><td>92%</td><td>9</td></tr>
            <tr><td colspan="4">总分</td><td>40</td><td colspan="4"></td><td>39</td></tr>
            </table></body></html>
            """)
        let record = output.forms[0]
        #expect(record.title == "绩效目标自评表")
        #expect(record.year == 2022)
        #expect(record.indicators.count == 2)
        #expect(record.indicators[0].level1 == "产出指标" && record.indicators[0].target == "≥735人次")
        #expect(record.indicators[0].weight?.literal == "30" && record.indicators[0].actual == "800人次")
        #expect(record.indicators[1].level2 == "服务对象满意度指标" && record.indicators[1].level3 == "服务对象满意度")
        #expect(record.indicators[1].target == "≥90%" && record.indicators[1].score?.literal == "9")
        #expect(record.total.weight?.literal == "40" && record.total.score?.literal == "39")
    }

    /// An indicator table and its 总分 row: enough of a 自评表 for the recognizer to take a
    /// title and a 项目名称 row above it as one.
    private static let indicatorBody = """

        绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
        \t产出指标\t数量指标\t乙\t2\t2\t10\t9\t
        总分\t\t\t\t\t\t10\t9\t
        """

    /// Fixed labels printed with a colon start and close the form as the bare ones do.
    @Test func projectNameAndTotalWithColons() {
        let output = convert("""
            项目支出绩效自评表
            项目名称：\t甲项目
            主管部门：\t市局\t实施单位：\t市中心
            绩效指标\t一级指标\t二级指标\t三级指标：\t年度指标值\t实际完成值\t分值\t得分
            \t产出指标\t数量指标\t甲\t1\t1\t10\t10
            总分：\t\t\t\t\t\t10\t10
            项目支出绩效自评表
            项目名称：\t乙项目
            """ + Self.indicatorBody)
        #expect(output.forms.map(\.projectName) == ["甲项目", "乙项目"])
        #expect(output.forms[0].department == "市局" && output.forms[0].implementingUnit == "市中心")
        #expect(output.forms[0].indicators.map(\.level3) == ["甲"])
        #expect(output.forms[0].total.score?.literal == "10")
    }

    /// A block cut by a page break whose merged labels OCR HTML drew on the second page only:
    /// the row before the break has no label and no span reaching it, so it belongs to the
    /// block after the break, not to the one above.
    @Test func labelsOfABlockCutByAPageBreak() throws {
        let html = """
            <html><body><h2>项目支出绩效自评表</h2><p>（2024年度）</p><table>
            <tr><td>项目名称</td><td colspan="7">测试项目</td></tr>
            <tr><td rowspan="5">绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td></tr>
            <tr><td rowspan="2">产出指标</td><td rowspan="2">时效指标</td><td>按时开工</td><td>3月</td><td>3月</td><td>10</td><td>10</td></tr>
            <tr><td>按时完工</td><td>11月</td><td>11月</td><td>10</td><td>10</td></tr>
            <tr><td>道路通行更顺畅</td><td>提升</td><td>提升</td><td>20</td><td>20</td></tr>
            </table><table>
            <tr><td rowspan="2">效益指标</td><td rowspan="2">社会效益指标</td><td>群众出行时间缩短</td><td>缩短</td><td>缩短</td><td>20</td><td>20</td></tr>
            <tr><td>事故率下降</td><td>下降</td><td>下降</td><td>20</td><td>20</td></tr>
            <tr><td>满意度指标</td><td>服务对象满意度指标</td><td>沿线居民满意度</td><td>≥90%</td><td>95%</td><td>20</td><td>20</td></tr>
            <tr><td colspan="5">总分</td><td>100</td><td>100</td></tr>
            </table></body></html>
            """
        let output = try convertHTML(html)
        let levels = output.forms[0].indicators.map { "\($0.level1)/\($0.level2)" }
        #expect(levels == ["产出指标/时效指标", "产出指标/时效指标", "效益指标/社会效益指标", "效益指标/社会效益指标", "效益指标/社会效益指标", "满意度指标/服务对象满意度指标"])
        #expect(output.repairs.contains { $0.rule == PageBreakLabelRule.name && $0.field == "indicators[2].level2" })

        // Without rowspans nothing says the label after the break spans rows: no such repair.
        let spanned = try convertHTML(html.replacingOccurrences(of: " rowspan=\"2\"", with: ""))
        #expect(!spanned.repairs.contains { $0.rule == PageBreakLabelRule.name })
    }

    @Test(arguments: [
        ("谢凯13990260322(办公)", "谢凯", "13990260322"), ("谢凯 13990260322", "谢凯", "13990260322"),
        ("谢凯 电话：13990260322", "谢凯", "13990260322"), ("王 芳 手机 139 9026 0322（办公）", "王芳", "13990260322"),
        ("张伟", "张伟", nil), ("010-87654321", nil, "01087654321"),
    ] as [(String, String?, String?)])
    func leadAndPhoneFromOneCell(text: String, lead: String?, phone: String?) {
        let split = LeadAndPhone(text)
        #expect(split.lead == lead && split.phone == phone)
    }

    @Test(arguments: [
        ("2022年项目支出绩效自评表", 2022), ("财政项目支出绩效自评表（2023年）", 2023), ("绩效目标自评表(2021年度)", 2021),
        ("附件2：2024 年度部门预算项目支出绩效自评表", 2024),
    ])
    func yearInTheTitleLine(title: String, year: Int) throws {
        let output = convert("\(title)\n项目名称\t甲项目\n" + Self.indicatorBody)
        let record = try #require(output.forms.first)
        #expect(record.year == year)
        #expect(FormDefinition.selfEvaluation.titles.contains(record.title))
    }

    @Test(arguments: [
        (["总分", "100", "97.5", "优"], "优"), (["总分", "100", "97.5", "评价等级", "良"], "良"),
        (["总分", "100", "自评等级：", "97.5", "优"], "优"), (["总分", "100", "97.5"], nil),
    ] as [([String], String?)])
    func gradeBesideTheTotal(cells: [String], grade: String?) {
        let row = TableRow(cells: cells.enumerated().map { TableCell(text: $0.element, column: $0.offset) })
        var log = RepairCollector(form: 1)
        #expect(TotalRowReader.grade(in: row, repairer: CellTextRepairer(), log: &log) == grade)
    }

    @Test func labelsAreNormalizedBeforeMatching() {
        #expect(LabelText.normalized("产出指标（50分）") == "产出指标")
        #expect(LabelText.normalized("服务对象满意度指标等") == "服务对象满意度指标")
        #expect(LabelText.normalized("年度资金总额：") == "年度资金总额")
        #expect(LabelText.normalized("其中：本年财政 拨款") == "本年财政拨款")
        #expect(LabelText.normalized("执行率（Ｂ／Ａ）") == "执行率(B/A)")
        #expect(IndicatorRowLayout.isPlaceholder("指标 12"))
        #expect(IndicatorRowLayout.isPlaceholder("……"))
        #expect(!IndicatorRowLayout.isPlaceholder("指标1：完成任务"))
    }

    /// A column the contract does not know is printed but not read, and said so.
    @Test func unknownColumnsAreFindings() {
        let output = convert("""
            ## 项目支出绩效自评表
            ( 2024 年度 )
            项目名称\t测试项目
            项目资金\t(元)\t年初预算数\t全年预算数\t全年执行数\t结余资金\t分值\t执行率\t得分
            \t年度资金总额\t10\t10\t8\t2\t10\t80%\t8
            绩效指标\t一级指标\t二级指标\t三级指标\t指标解释\t年度指标值\t实际完成值\t分值\t得分
            \t产出指标\t数量指标\t甲\t说明\t1\t1\t10\t10
            总分\t\t\t\t\t\t\t10\t10
            自评得分说明\t按指标完成情况打分
            """)
        #expect(output.forms[0].fundsUnit == "元")
        #expect(output.findings.contains { $0.rule == "unread-row" && $0.message.contains("自评得分说明") })
        #expect(output.findings.contains { $0.rule == "unknown-column" && $0.message.contains("结余资金") })
        #expect(output.findings.contains { $0.rule == "unknown-column" && $0.message.contains("指标解释") })
        let funds = output.forms[0].funds[0]
        #expect(funds.executed?.literal == "8" && funds.weight?.literal == "10" && funds.score?.literal == "8")
        #expect(output.forms[0].indicators.first?.target == "1")
    }
}
