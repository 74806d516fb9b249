import Foundation
import Testing
@testable import FormPipeRecord
@testable import FormPipeEmit

/// The XML record writer: exact output, labels by path, and validity against the schema.
struct XMLRecordWriterTests {
    private func xml(_ record: FormRecord) throws -> String {
        String(decoding: try RecordXMLWriter.xml(for: record), as: UTF8.self)
    }

    @Test func writesTheExpectedDocument() throws {
        let expected = """
            <?xml version="1.0" encoding="UTF-8"?>
            <record>
              <formType label="标题">项目支出绩效自评表</formType>
              <title label="标题">项目支出绩效自评表</title>
              <year label="年度">2022</year>
              <projectName label="项目名称">京蒙&lt;东西部&gt;协作 &amp; 绩效评价</projectName>
              <department label="主管部门">市支援合作办</department>
              <implementingUnit label="实施单位"></implementingUnit>
              <phone label="联系电话">55574455</phone>
              <fundsUnit label="项目资金">万元</fundsUnit>
              <funds label="项目资金">
                <row>
                  <item>年度资金总额</item>
                  <initialBudget label="年初预算数">587.049060</initialBudget>
                  <executionRate label="执行率">100</executionRate>
                </row>
                <row>
                  <item>当年财政拨款</item>
                </row>
                <row>
                  <item>上年结转资金</item>
                </row>
                <row>
                  <item>其他资金</item>
                </row>
              </funds>
              <goals label="年度总体目标">
                <expected label="预期目标">第一段。
            第二段</expected>
                <actual label="实际完成情况">完成</actual>
              </goals>
              <indicators label="绩效指标">
                <indicator>
                  <level1 label="一级指标">产出指标</level1>
                  <level2 label="二级指标">数量指标</level2>
                  <level3 label="三级指标">建设销售平台</level3>
                  <target label="年度指标值">≥1</target>
                  <actual label="实际完成值">1</actual>
                  <weight label="分值">8</weight>
                </indicator>
              </indicators>
              <total label="总分">
                <weight label="分值">100</weight>
              </total>
            </record>

            """
        #expect(try xml(XMLTestRecords.small) == expected)
    }

    /// The labels a reader of the form would expect, written out independently of `FieldLabel`.
    static let expectedLabels: [String: String?] = [
        "record": nil, "formType": "标题", "year": "年度", "projectName": "项目名称", "department": "主管部门",
        "implementingUnit": "实施单位", "projectLead": "项目负责人", "phone": "联系电话",
        "title": "标题", "fundsUnit": "项目资金", "grade": "评价等级", "remarks": "其他需要说明事项",
        "conclusion": "评价结论", "problems": "存在问题", "improvements": "改进措施",
        "funds": "项目资金", "funds.row": nil, "funds.row.item": nil,
        "funds.row.initialBudget": "年初预算数", "funds.row.annualBudget": "全年预算数",
        "funds.row.executed": "全年执行数", "funds.row.weight": "分值", "funds.row.executionRate": "执行率",
        "funds.row.score": "得分",
        "goals": "年度总体目标", "goals.expected": "预期目标", "goals.actual": "实际完成情况",
        "indicators": "绩效指标", "indicators.indicator": nil,
        "indicators.indicator.level1": "一级指标", "indicators.indicator.level2": "二级指标",
        "indicators.indicator.level3": "三级指标", "indicators.indicator.target": "年度指标值",
        "indicators.indicator.actual": "实际完成值", "indicators.indicator.weight": "分值",
        "indicators.indicator.score": "得分", "indicators.indicator.deviation": "偏差原因分析及改进措施",
        "total": "总分", "total.weight": "分值", "total.score": "得分",
    ]

    @Test func everyElementCarriesTheLabelOfItsPath() throws {
        var seen: Set<String> = []
        var stack: [String] = []
        // Text is escaped, so every "<" in the document starts a tag.
        let tag = /<(\/?)([A-Za-z][A-Za-z0-9]*)(?: label="([^"]*)")?(\/?)>/
        for match in try xml(XMLTestRecords.full).matches(of: tag) {
            let name = String(match.2)
            if match.1 == "/" {
                #expect(stack.popLast() == name)
                continue
            }
            let path = (stack.dropFirst() + [name]).joined(separator: ".")
            let label = match.3.map(String.init)
            #expect(Self.expectedLabels[path] != nil, "unexpected element \(path)")
            #expect(label == Self.expectedLabels[path] ?? nil, "\(path) has label \(label ?? "none")")
            seen.insert(path)
            if match.4 != "/" { stack.append(name) }
        }
        #expect(stack.isEmpty)
        #expect(seen == Set(Self.expectedLabels.keys), "elements never written: \(Set(Self.expectedLabels.keys).subtracting(seen))")
    }

    @Test func nullsAreAbsentElements() throws {
        var record = FormRecord()
        record.projectName = "项目"
        let text = try xml(record)
        for absent in ["<year", "<projectLead", "<phone", "<initialBudget", "<weight", "<score", "<indicator>"] {
            #expect(!text.contains(absent), "\(absent) written for a null")
        }
        #expect(text.contains("<indicators label=\"绩效指标\"/>"))
        #expect(text.components(separatedBy: "<row>").count == 5)
    }

    @Test func validRecordsPassTheSchema() throws {
        let validator = try RecordSchemaValidator()
        var minimal = FormRecord()
        minimal.year = nil
        for record in [XMLTestRecords.small, XMLTestRecords.full, minimal] {
            #expect(validator.validate(try RecordXMLWriter.xml(for: record)) == [])
        }
    }

    @Test func everyGoldRecordPassesTheSchema() throws {
        let validator = try RecordSchemaValidator()
        let golds = try XMLTestRecords.allGold()
        #expect(golds.count >= 24)
        for (name, gold) in golds {
            let issues = validator.validate(try RecordXMLWriter.xml(for: XMLTestRecords.record(fromGold: gold)))
            #expect(issues == [], "\(name): \(issues)")
        }
    }

    @Test func charactersXMLCannotHoldAreDropped() throws {
        var record = XMLTestRecords.small
        record.projectName = "京蒙\u{0001}协作\u{FFFE}项目\u{000B}"
        record.goals.actual = "第一行\r\n第二行\t完"
        let data = try RecordXMLWriter.xml(for: record)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("<projectName label=\"项目名称\">京蒙协作项目</projectName>"))
        #expect(try RecordSchemaValidator().validate(data) == [])
    }
}
