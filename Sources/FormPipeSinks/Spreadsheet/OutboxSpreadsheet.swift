import Foundation
import FormPipeCore
import FormPipeEmit
import FormPipeRecord
import FormPipeReview

/// The four sheets of `formpipe export`, read from an outbox: forms, indicators, repairs and
/// findings, one row per form / indicator / repair log line, each row linked to its review page.
///
/// Column headers are the labels the form prints (项目名称, 年初预算数, …). Funds are flattened
/// into the form's row, four standard rows × six columns, so one row per project can be
/// compared, summed and filtered; funds rows beyond the four (contract v2) stay in the record.
public struct OutboxSpreadsheet: Sendable {
    public var forms: SpreadsheetTable
    public var indicators: SpreadsheetTable
    public var repairs: SpreadsheetTable
    public var findings: SpreadsheetTable
    /// Folders that could not be read, with the reason.
    public var problems: [String] = []

    public var tables: [SpreadsheetTable] { [forms, indicators, repairs, findings] }

    static let fundsRows = ["年度资金总额", "当年财政拨款", "上年结转资金", "其他资金"]
    static let fundsColumns: [(key: String, label: String)] = [
        ("initialBudget", "年初预算数"), ("annualBudget", "全年预算数"), ("executed", "全年执行数"),
        ("weight", "分值"), ("executionRate", "执行率"), ("score", "得分"),
    ]
    static let headerColumns: [(key: String, label: String)] = [
        ("projectName", "项目名称"), ("department", "主管部门"), ("implementingUnit", "实施单位"),
        ("projectLead", "项目负责人"), ("phone", "联系电话"),
    ]
    static let reviewColumn = "复核页"

    public init() {
        let document = ["文件", "表"]
        forms = SpreadsheetTable(
            name: "表单", fileStem: "forms",
            headers: document + ["年度", "表名"] + Self.headerColumns.map(\.label) + ["资金单位"]
                + Self.fundsRows.flatMap { row in Self.fundsColumns.map { "\(row)·\($0.label)" } }
                + ["总分·分值", "总分·得分", "评价等级", "修复数", "发现数", Self.reviewColumn])
        indicators = SpreadsheetTable(
            name: "绩效指标", fileStem: "indicators",
            headers: document + ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                 "偏差原因分析及改进措施", Self.reviewColumn])
        repairs = SpreadsheetTable(
            name: "修复", fileStem: "repairs",
            headers: document + ["编号", "字段", "规则", "修复前", "修复后", "置信度", "页", Self.reviewColumn])
        findings = SpreadsheetTable(
            name: "发现", fileStem: "findings",
            headers: document + ["编号", "规则", "字段", "说明", Self.reviewColumn])
    }

    /// Reads every converted document of `outbox`, in name order.
    public static func read(outbox: URL) -> OutboxSpreadsheet {
        var sheet = OutboxSpreadsheet()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? []).filter { !$0.hasPrefix(".") }
        for name in names.sorted() {
            let folder = outbox.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(OutputFileName.manifest).path) else { continue }
            do {
                try sheet.add(folder: folder, name: name)
            } catch {
                // A damaged file is named by review's own message; a folder that cannot be read, by Foundation's.
                sheet.problems.append("\(name): \((error as? ReviewError)?.message ?? error.localizedDescription)")
            }
        }
        return sheet
    }

    private mutating func add(folder: URL, name: String) throws {
        let review = SpreadsheetTable.Cell.link(url: folder.appendingPathComponent("review.html").absoluteString, label: "复核")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let formNumbers = files.filter { $0.hasSuffix(".json") }.compactMap(FormFileName.formNumber).sorted()
        // Read as review reads it, so the sheets and the review page never disagree about a line.
        var log = RepairLogFile()
        if let data = try? Data(contentsOf: folder.appendingPathComponent(OutputFileName.repairLog)) {
            log = try RepairLogFile(text: String(decoding: data, as: UTF8.self), name: OutputFileName.repairLog)
        }
        for number in formNumbers {
            let file = FormFileName.stem(form: number) + ".json"
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            // The record as JSON values, not a FormRecord: the sheets copy members by name, and a
            // number keeps the digits the form printed.
            let record: JSONValue
            do {
                record = try JSONValueParser.parse(utf8: Array(data))
            } catch {
                throw ReviewError(.unreadableOutput, "\(file) is not valid JSON (\(error))")
            }
            guard case .object = record else { continue }
            addForm(
                record, document: name, number: number,
                repairs: log.repairs.filter { Self.form(of: $0.line) == number }.count,
                findings: log.findings.filter { Self.form(of: $0.line) == number }.count, review: review)
        }
        // Numbers from the line as written (confidence 0.950 stays 0.950 in CSV), text from the
        // typed reading.
        for repair in log.repairs {
            repairs.rows.append(
                [.text(name), .value(repair.line["form"]), .value(.string(repair.id)), .value(.string(repair.field)),
                 .value(.string(repair.rule)), .value(.string(repair.before)), .value(.string(repair.after)),
                 .value(repair.line["confidence"]), .value(repair.line["page"]), review])
        }
        for finding in log.findings {
            findings.rows.append(
                [.text(name), .value(finding.line["form"]), .value(.string(finding.id)), .value(.string(finding.rule)),
                 .value(.string(finding.fields.joined(separator: ", "))), .value(.string(finding.message)), review])
        }
    }

    /// The form a log line names; a line without one, or with `null` (the table record's), belongs
    /// to no form's row.
    private static func form(of line: JSONValue) -> Int? { line["form"]?.intValue }

    private mutating func addForm(_ record: JSONValue, document: String, number: Int, repairs: Int, findings: Int,
                                  review: SpreadsheetTable.Cell) {
        let lead: [SpreadsheetTable.Cell] = [.text(document), .count(number)]
        var row = lead + [.value(record["year"]), .value(record["title"] ?? record["formType"])]
        row += Self.headerColumns.map { SpreadsheetTable.Cell.value(record[$0.key]) }
        row.append(.value(record["fundsUnit"]))
        let funds = record["funds"]?.arrayValue ?? []
        for label in Self.fundsRows {
            // By label, not position: a form that misses a row must not shift the others.
            let fundsRow = funds.first { $0["item"]?.stringValue == label }
            row += Self.fundsColumns.map { SpreadsheetTable.Cell.value(fundsRow?[$0.key]) }
        }
        let total = record["total"]
        row += [.value(total?["weight"]), .value(total?["score"]), .value(record["grade"]),
                .count(repairs), .count(findings), review]
        forms.rows.append(row)

        for indicator in record["indicators"]?.arrayValue ?? [] {
            indicators.rows.append(lead + [.value(record["projectName"])] + [
                "level1", "level2", "level3", "target", "actual", "weight", "score", "deviation",
            ].map { SpreadsheetTable.Cell.value(indicator[$0]) } + [review])
        }
    }
}
