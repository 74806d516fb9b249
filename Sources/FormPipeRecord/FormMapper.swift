import FormPipeCore
import FormPipeDefinition
import FormPipeLayout
import FormPipeRepair

/// Maps one form's rows to a `FormRecord`, walking the form's sections in printed order:
/// the header fields, the funds block, the goals, the indicator table and the total row.
package struct FormMapper {
    let formNumber: Int
    let sourceKind: InputKind
    private let repairer = CellTextRepairer()

    package struct Result: Sendable {
        package var record: FormRecord
        package var repairs: [Repair]
        package var findings: [Finding]
    }

    package init(formNumber: Int, sourceKind: InputKind) {
        self.formNumber = formNumber
        self.sourceKind = sourceKind
    }

    private enum Section { case header, funds, goals, indicators, done }

    package func map(_ form: FormSplitter.FormBlocks) -> Result {
        var record = FormRecord()
        var log = RepairCollector(form: formNumber)
        var section = Section.header
        var funds = FundsBlockReader()
        var goals = GoalsBlockReader()
        var indicators = IndicatorTableReader()
        var footer = FooterRowReader()
        var sawTotal = false
        var sawTitle = false
        var afterBreak = false

        for block in form.blocks {
            switch block {
            case .tableBreak:
                afterBreak = true
                continue
            case .text(let line):
                let lineTitle = LabelText.title(in: LabelText.compact(line.text))
                if !sawTitle, let lineTitle {
                    record.title = lineTitle
                    sawTitle = true
                }
                if record.year == nil, let year = Self.year(in: line.text, inTitle: lineTitle != nil) { record.year = year }
                // Only OCR text loses a cell's tabs; in PDF and HTML a loose line is never cell text.
                if section == .goals, sourceKind == .ocrText { goals.addLoose(line) }
                continue
            case .row(let row):
                if !sawTitle, let title = row.cells.lazy.compactMap({ LabelText.title(in: LabelText.compact($0.text)) }).first {
                    record.title = title
                    sawTitle = true
                }
                if record.year == nil,
                    let year = row.cells.lazy.compactMap({ cell -> Int? in
                        let compact = LabelText.compact(cell.text)
                        guard compact.count < 24 else { return nil }
                        return Self.year(in: cell.text, inTitle: LabelText.holdsTitle(compact))
                    }).first
                {
                    record.year = year
                }
                readHeaderFields(row, into: &record, log: &log)
                let labels = row.cells.map { LabelText.normalized($0.text) }
                if labels.contains("总分") {
                    record.total = TotalRowReader().read(row, columns: indicators.columns, repairer: repairer, log: &log)
                    record.grade = TotalRowReader.grade(in: row, repairer: repairer, log: &log) ?? record.grade
                    sawTotal = true
                    section = .done
                } else if section == .indicators || section == .done, footer.read(row, repairer: repairer, log: &log) {
                    // 其他需要说明事项, 评价结论, 存在问题, 改进措施, 评价等级: read, nothing more.
                } else if FundsBlockReader.isHeader(row) {
                    funds.readHeader(row)
                    section = .funds
                } else if section == .header || section == .funds, let item = FundsBlockReader.item(in: row) {
                    funds.readRow(row, item: item)
                    section = .funds
                } else if GoalsBlockReader.holdsLabel(labels) {
                    goals.readHeader(row)
                    section = .goals
                } else if labels.contains("一级指标") || labels.contains("三级指标") || labels.contains("二级指标") {
                    indicators.readHeader(row)
                    section = .indicators
                } else if section == .funds, let extra = FundsBlockReader.extraItem(in: row) {
                    funds.readExtraRow(row, item: extra)
                } else if section == .goals {
                    goals.addRow(row)
                } else if section == .indicators {
                    indicators.addRow(row, afterBreak: afterBreak)
                } else if section == .done, let first = row.cells.first(where: { !LabelText.compact($0.text).isEmpty }) {
                    // A row under the 总分 row the contract has no key for: said, not guessed.
                    let label = String(LabelText.compact(first.text).prefix(20))
                    log.report(
                        rule: "unread-row", fields: [],
                        message: "the row \"\(label)\" under the 总分 row is no part of the record format; it is not in the record")
                }
            }
            afterBreak = false
        }

        record.fundsUnit = funds.unit
        record.funds = funds.finish(repairer: repairer, log: &log)
        record.goals = goals.finish(repairer: repairer, log: &log)
        record.indicators = indicators.finish(repairer: repairer, log: &log)
        footer.apply(to: &record)
        FormConsistencyChecker(sawTotalRow: sawTotal).check(record, log: &log)
        return Result(record: record, repairs: log.repairs, findings: log.findings)
    }

    /// Header labels and the record keys they fill.
    private static let headerFields = FormDefinition.selfEvaluation.headerFields

    /// Header fields are label → value pairs: the value is the next cell to the right that is
    /// not itself a label. The first occurrence wins.
    private func readHeaderFields(_ row: TableRow, into record: inout FormRecord, log: inout RepairCollector) {
        for (index, cell) in row.cells.enumerated() {
            let label = LabelText.normalized(cell.text)
            guard let field = Self.headerFields.first(where: { $0.labels.contains(label) }) else { continue }
            logLabelCorrections(of: cell, field: field, log: &log)
            let valueCell = row.cells[(index + 1)...].first { !LabelText.compact($0.text).isEmpty }
            let usable = valueCell.flatMap { LabelText.isFixedLabel($0.text) ? nil : $0 }
            let value = usable.map {
                repairer.repair($0.text, kind: .text, at: FieldLocation(field.key, cell: $0), log: &log)
            }
            let present = value.flatMap { $0.isEmpty ? nil : $0 }
            switch field.key {
            case "projectName" where record.projectName.isEmpty: record.projectName = present ?? ""
            case "department" where record.department.isEmpty: record.department = present ?? ""
            case "implementingUnit" where record.implementingUnit.isEmpty: record.implementingUnit = present ?? ""
            case "projectLead" where record.projectLead == nil: record.projectLead = present
            case "phone" where record.phone == nil: record.phone = present.map(Self.phoneDigits)
            case "projectLeadAndPhone" where record.projectLead == nil && record.phone == nil:
                if let present, let usable {
                    let split = LeadAndPhone(present)
                    record.projectLead = split.lead
                    record.phone = split.phone
                    if split.lead != nil || split.phone != nil {
                        log.add(
                            FieldLocation("projectLead", cell: usable), rule: LeadAndPhone.rule, before: present,
                            after: [split.lead, split.phone].compactMap { $0 }.joined(separator: " | "), confidence: 0.9)
                    }
                }
            default: break
            }
        }
    }

    /// A label cell the OCR stage snapped or restored (``OCRLabelSnap``, ``HeaderLabelRestoration``)
    /// found its field only through that change: the repair is the field's, and a restored label,
    /// which no reading supports, is also said as a finding.
    private func logLabelCorrections(of cell: TableCell, field: LabelledKey, log: inout RepairCollector) {
        for correction in cell.ocrCorrections {
            log.add(
                FieldLocation(field.key, cell: cell), rule: correction.rule, before: correction.before,
                after: correction.after, confidence: correction.confidence)
            guard correction.rule == HeaderLabelRestoration.rule else { continue }
            let before = correction.before.isEmpty ? "nothing" : "\"\(correction.before)\""
            log.report(
                rule: HeaderLabelRestoration.rule, fields: [field.key],
                message: "the label cell of \(field.key) read \(before); it is taken for \(correction.after), the label "
                    + "the form prints above the next header row, and the value beside it is read as \(field.key): check it")
        }
    }

    /// "digits as printed, no spaces".
    private static func phoneDigits(_ text: String) -> String {
        String(text.filter { !$0.isCellWhitespace })
    }

    /// The year printed under the title: "( 2022 年度 )", "（2023年度）"; in the title line itself
    /// "2022年" is enough ("2022年项目支出绩效自评表"), since nothing else there is a date.
    static func year(in text: String, inTitle: Bool = false) -> Int? {
        let compact = Array(LabelText.compact(text))
        guard
            let marker = compact.indices.first(where: {
                compact[$0] == "年" && $0 >= 4 && (inTitle || ($0 + 1 < compact.count && compact[$0 + 1] == "度"))
                    && compact[($0 - 4)..<$0].allSatisfy { $0.isASCII && $0.isNumber }
            })
        else { return nil }
        let digits = String(compact[(marker - 4)..<marker])
        guard digits.allSatisfy(\.isASCII), let year = Int(digits), (1990...2100).contains(year) else { return nil }
        return year
    }
}
