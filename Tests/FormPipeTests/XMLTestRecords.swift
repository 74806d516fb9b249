import Foundation
@testable import FormPipeCore
@testable import FormPipeRecord

/// Records for the XML writer and validator tests.
enum XMLTestRecords {
    static func number(_ literal: String) -> PrintedNumber? { PrintedNumber(literal: literal) }

    /// Small, with the characters and values that trip writers: CJK, `&`, `<`, nulls, an empty
    /// string, a newline, and a number whose trailing zero must survive.
    static var small: FormRecord {
        var record = FormRecord()
        record.year = 2022
        record.projectName = "京蒙<东西部>协作 & 绩效评价"
        record.department = "市支援合作办"
        record.implementingUnit = ""
        record.projectLead = nil
        record.phone = "55574455"
        record.funds[0].initialBudget = number("587.049060")
        record.funds[0].executionRate = number("100")
        record.goals = Goals(expected: "第一段。\n第二段", actual: "完成")
        record.indicators = [
            Indicator(level1: "产出指标", level2: "数量指标", level3: "建设销售平台", target: "≥1", actual: "1", weight: number("8"))
        ]
        record.total = TotalRow(weight: number("100"), score: nil)
        return record
    }

    /// Every optional field present, so that every element the writer knows appears.
    static var full: FormRecord {
        var record = small
        record.projectLead = "孙燕清"
        for index in record.funds.indices {
            for key in FundsRow.numericKeys { record.funds[index][numeric: key] = number("\(index + 1)") }
        }
        record.indicators[0].score = number("7.5")
        record.indicators[0].deviation = "受疫情影响，部分活动延期举办。"
        record.total.score = number("99")
        record.title = "部门预算项目支出绩效自评表"
        record.fundsUnit = "元"
        record.funds.append(FundsRow(item: "财政专户管理资金"))
        record.grade = "优"
        record.remarks = "无"
        record.conclusion = "项目实施效果良好。"
        record.problems = "无"
        record.improvements = "加强预算执行管理。"
        return record
    }

    /// A gold record of the corpus as a `FormRecord` (numbers through `Double`: enough for
    /// validation, which does not look at trailing zeros).
    static func record(fromGold gold: [String: Any]) -> FormRecord {
        func printed(_ value: Any?) -> PrintedNumber? { (value as? NSNumber).map { PrintedNumber($0.doubleValue) } }
        var record = FormRecord()
        record.formType = gold["formType"] as? String ?? ""
        record.year = gold["year"] as? Int
        record.projectName = gold["projectName"] as? String ?? ""
        record.department = gold["department"] as? String ?? ""
        record.implementingUnit = gold["implementingUnit"] as? String ?? ""
        record.projectLead = gold["projectLead"] as? String
        record.phone = gold["phone"] as? String
        record.title = gold["title"] as? String ?? record.formType
        record.fundsUnit = gold["fundsUnit"] as? String ?? "万元"
        record.grade = gold["grade"] as? String
        record.remarks = gold["remarks"] as? String
        record.conclusion = gold["conclusion"] as? String
        record.problems = gold["problems"] as? String
        record.improvements = gold["improvements"] as? String
        record.funds = (gold["funds"] as? [[String: Any]] ?? []).map { row in
            var funds = FundsRow(item: row["item"] as? String ?? "")
            for key in FundsRow.numericKeys { funds[numeric: key] = printed(row[key]) }
            return funds
        }
        let goals = gold["goals"] as? [String: Any] ?? [:]
        record.goals = Goals(expected: goals["expected"] as? String ?? "", actual: goals["actual"] as? String ?? "")
        record.indicators = (gold["indicators"] as? [[String: Any]] ?? []).map { item in
            Indicator(
                level1: item["level1"] as? String ?? "", level2: item["level2"] as? String ?? "",
                level3: item["level3"] as? String ?? "", target: item["target"] as? String ?? "",
                actual: item["actual"] as? String ?? "", weight: printed(item["weight"]), score: printed(item["score"]),
                deviation: item["deviation"] as? String)
        }
        let total = gold["total"] as? [String: Any] ?? [:]
        record.total = TotalRow(weight: printed(total["weight"]), score: printed(total["score"]))
        return record
    }

    /// Every gold record of the corpus (DEV and seed).
    static func allGold() throws -> [(name: String, gold: [String: Any])] {
        let root = HTMLCorpus.directory.appendingPathComponent("gold", isDirectory: true)
        var result: [(String, [String: Any])] = []
        for folder in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            let directory = root.appendingPathComponent(folder, isDirectory: true)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for name in names.sorted() where name.hasSuffix(".json") {
                let data = try Data(contentsOf: directory.appendingPathComponent(name))
                result.append(("\(folder)/\(name)", try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]))
            }
        }
        return result
    }
}
