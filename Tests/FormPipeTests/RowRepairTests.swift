import Testing
@testable import FormPipeExtract
@testable import FormPipePipeline

/// Row-level repairs on OCR text rows: shifted cells, fill-down, displaced merged labels.
struct RowRepairTests {
    private func convert(_ text: String) -> DocumentConverter.Output {
        DocumentConverter().convert(OCRTextReader().read(text))
    }

    private let header = """
        ## 项目支出绩效自评表
        ( 2022 年度 )
        项目名称\t测试项目
        主管部门\t市支援合作办\t实施单位\t市支援合作办
        项目负责人\t\t联系电话\t5557 4455
        绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施

        """

    @Test func shiftedRowIsRealignedByContentAndLogged() {
        let output = convert(header + """
            \t产出指标\t数量指标\t建设销售平台\t1\t1\t8\t8\t
            \t成本指标\t项目预算控制数\t48.01 万元\t48.01 万元\t10\t10\t\t
            总分\t\t\t\t\t\t18\t18\t
            """)
        let indicators = output.forms[0].indicators
        #expect(indicators.count == 2)
        #expect(indicators[1].level2 == "成本指标")
        #expect(indicators[1].level3 == "项目预算控制数")
        #expect(indicators[1].target == "48.01万元")
        #expect(indicators[1].weight?.literal == "10")
        #expect(output.repairs.contains { $0.rule == "shifted-row" && $0.field == "indicators[1]" })
    }

    @Test func levelsAreFilledDownAndLogged() {
        let output = convert(header + """
            \t产出指标\t数量指标\t指标 1: 甲\t1\t1\t8\t8\t
            \t\t\t指标 2: 乙\t1\t1\t7\t7\t
            """)
        let second = output.forms[0].indicators[1]
        #expect(second.level1 == "产出指标" && second.level2 == "数量指标")
        #expect(output.repairs.filter { $0.rule == "fill-down" && $0.field.hasPrefix("indicators[1]") }.count == 2)
    }

    @Test func mergedLevel2AndLevel3CellImpliesLevel2() {
        let output = convert(header + """
            \t效益指标\t社会效益指标\t甲\t有所提升\t有所提升\t10\t10\t
            \t满意度指标\t服务对象满意度\t≥90%\t≥90%\t10\t10
            """)
        let last = output.forms[0].indicators[1]
        #expect(last.level1 == "满意度指标")
        #expect(last.level2 == "服务对象满意度指标")
        #expect(last.level3 == "服务对象满意度")
    }

    @Test func displacedMergedLabelGoesBackToTheRowsAfterTheBreak() {
        let output = convert(header + """
            \t产出指标\t数量指标\t指标 1: 甲\t1\t1\t2\t2\t
            \t\t\t指标 2: 乙\t1\t1\t2\t2\t

            \t\t\t指标 1: 丙\t良好\t良好\t2\t2\t
            \t\t\t指标 2: 丁\t良好\t良好\t2\t2\t
            \t\t时效指标\t指标 1: 本年完成\t12月\t12月\t10\t10\t
            \t\t质量指标\t\t\t\t\t\t

            总分\t\t\t\t\t\t18\t18\t
            """)
        let levels = output.forms[0].indicators.map(\.level2)
        #expect(levels == ["数量指标", "数量指标", "质量指标", "质量指标", "时效指标"])
        #expect(output.repairs.filter { $0.rule == "lost-merged-label" }.count == 2)
    }

    @Test func twoNumbersInTwoCellsStayTwoNumbers() {
        let output = convert(header + """
            \t产出指标\t数量指标\t甲\t1\t1\t8\t8\t
            总分\t\t\t\t\t\t100\t99\t
            """)
        let form = output.forms[0]
        #expect(form.indicators[0].weight?.literal == "8" && form.indicators[0].score?.literal == "8")
        #expect(form.total.weight?.literal == "100" && form.total.score?.literal == "99")
        #expect(form.phone == "55574455")
        #expect(form.projectLead == nil)
    }
}
