import FormPipeRecord
/// Draws one record as the form's own table — the rows, labels and merged cells of the printed
/// 项目支出绩效自评表 — with the record's values in the cells, so a reviewer compares like with
/// like. Repaired cells are coloured by confidence and carry their repairs (`RepairChipHTML`).
///
/// The grid has nine columns, as the 绩效指标 block of the printed form does.
struct FormTableHTML {
    let record: FormRecord
    let form: Int
    let annotations: FieldAnnotations

    func write(to page: inout HTMLBuilder) {
        page.element("table", ["class": "form"]) { table in
            table.element("caption") { caption in
                caption.element("span", ["class": "title"], text: record.title)
                caption.element("span", ["class": "year"], text: "（\(record.year.map(String.init) ?? "    ")年度）")
            }
            writeHeaderRows(&table)
            writeFundsRows(&table)
            writeGoalsRows(&table)
            writeIndicatorRows(&table)
            writeTotalRow(&table)
            writeFooterRows(&table)
        }
    }

    private func writeHeaderRows(_ table: inout HTMLBuilder) {
        table.element("tr") { row in
            label(&row, "项目名称")
            value(&row, "projectName", record.projectName, colspan: 8)
        }
        table.element("tr") { row in
            label(&row, "主管部门")
            value(&row, "department", record.department, colspan: 3)
            label(&row, "实施单位")
            value(&row, "implementingUnit", record.implementingUnit, colspan: 4)
        }
        table.element("tr") { row in
            label(&row, "项目负责人")
            value(&row, "projectLead", record.projectLead, colspan: 3)
            label(&row, "联系电话")
            value(&row, "phone", record.phone, colspan: 4)
        }
    }

    private func writeFundsRows(_ table: inout HTMLBuilder) {
        let headings = FundsRow.numericKeys.map { FieldLabel.label(forPath: "funds.\($0)") ?? $0 }
        table.element("tr") { row in
            label(&row, "\(FieldLabel.label(forPath: "funds") ?? "项目资金")（\(record.fundsUnit)）", rowspan: record.funds.count + 1)
            label(&row, "")
            for (index, heading) in headings.enumerated() { label(&row, heading, colspan: index == 5 ? 2 : 1) }
        }
        for (index, funds) in record.funds.enumerated() {
            let path = "funds[\(index)]"
            table.element("tr", ["id": HTMLBuilder.anchor(form: form, field: path)]) { row in
                rowLabel(&row, funds.item == FundsRow.items[1] ? "其中：\(funds.item)" : funds.item, row: path)
                for (column, key) in FundsRow.numericKeys.enumerated() {
                    let shown = funds[numeric: key].map { key == "executionRate" ? "\($0.literal)%" : $0.literal }
                    value(&row, "funds[\(index)].\(key)", shown, colspan: column == 5 ? 2 : 1, numeric: true)
                }
            }
        }
    }

    private func writeGoalsRows(_ table: inout HTMLBuilder) {
        table.element("tr") { row in
            label(&row, FieldLabel.label(forPath: "goals") ?? "goals", rowspan: 2)
            label(&row, FieldLabel.label(forPath: "goals.expected") ?? "expected", colspan: 4)
            label(&row, FieldLabel.label(forPath: "goals.actual") ?? "actual", colspan: 4)
        }
        table.element("tr") { row in
            value(&row, "goals.expected", record.goals.expected, colspan: 4, long: true)
            value(&row, "goals.actual", record.goals.actual, colspan: 4, long: true)
        }
    }

    private func writeIndicatorRows(_ table: inout HTMLBuilder) {
        let indicators = record.indicators
        table.element("tr") { row in
            label(&row, FieldLabel.label(forPath: "indicators") ?? "indicators", rowspan: indicators.count + 1)
            for key in ["level1", "level2", "level3", "target", "actual", "weight", "score", "deviation"] {
                label(&row, FieldLabel.label(forPath: "indicators.\(key)") ?? key)
            }
        }
        let level1Spans = Self.mergedSpans(indicators.map(\.level1))
        let level2Spans = Self.mergedSpans(indicators.map { "\($0.level1)\u{1F}\($0.level2)" })
        for (index, indicator) in indicators.enumerated() {
            let path = "indicators[\(index)]"
            table.element("tr", ["id": HTMLBuilder.anchor(form: form, field: path)]) { row in
                if let span = level1Spans[index] {
                    mergedValue(&row, key: "level1", rows: index..<index + span, text: indicator.level1)
                }
                if let span = level2Spans[index] {
                    mergedValue(&row, key: "level2", rows: index..<index + span, text: indicator.level2)
                }
                value(&row, "\(path).level3", indicator.level3, extraFields: [path])
                value(&row, "\(path).target", indicator.target)
                value(&row, "\(path).actual", indicator.actual)
                value(&row, "\(path).weight", indicator.weight?.literal, numeric: true)
                value(&row, "\(path).score", indicator.score?.literal, numeric: true)
                value(&row, "\(path).deviation", indicator.deviation)
            }
        }
    }

    private func writeTotalRow(_ table: inout HTMLBuilder) {
        table.element("tr") { row in
            label(&row, "总分", colspan: 6)
            value(&row, "total.weight", record.total.weight?.literal, numeric: true)
            value(&row, "total.score", record.total.score?.literal, numeric: true)
            value(&row, "grade", record.grade)
        }
    }

    /// The rows a form prints under the table (其他需要说明事项, 评价结论, …), where it printed them.
    private func writeFooterRows(_ table: inout HTMLBuilder) {
        let rows: [(key: String, text: String?)] = [
            ("remarks", record.remarks), ("conclusion", record.conclusion), ("problems", record.problems),
            ("improvements", record.improvements),
        ]
        for (key, text) in rows where text != nil {
            table.element("tr") { row in
                label(&row, FieldLabel.label(forPath: key) ?? key, colspan: 2)
                value(&row, key, text, colspan: 7, long: true)
            }
        }
    }

    /// For each row that starts a run of equal values, the run's length; the printed form merges
    /// such cells vertically, and so does the page.
    static func mergedSpans(_ values: [String]) -> [Int: Int] {
        var spans: [Int: Int] = [:]
        var start = 0
        for index in values.indices where index == values.count - 1 || values[index + 1] != values[start] {
            spans[start] = index - start + 1
            start = index + 1
        }
        return spans
    }

    private func label(_ row: inout HTMLBuilder, _ text: String, colspan: Int = 1, rowspan: Int = 1) {
        row.element(
            "th", ["colspan": colspan > 1 ? "\(colspan)" : nil, "rowspan": rowspan > 1 ? "\(rowspan)" : nil], text: text
        )
    }

    /// The printed label of a row that carries the repairs of the whole row (`funds[1]`, from
    /// `inserted-empty-cell`), which have no cell of their own.
    private func rowLabel(_ row: inout HTMLBuilder, _ text: String, row path: String) {
        let classes = annotations.cellClasses(form: form, fields: [path])
        row.element("th", ["class": classes]) { cell in
            cell.text(text)
            RepairChipHTML(form: form, annotations: annotations).write(fields: [path], to: &cell)
        }
    }

    /// A value cell of one field. `extraFields` are whole-row repairs shown on this cell.
    private func value(
        _ row: inout HTMLBuilder, _ field: String, _ text: String?, colspan: Int = 1, numeric: Bool = false,
        long: Bool = false, extraFields: [String] = []
    ) {
        let fields = [field] + extraFields
        let kind = numeric ? "num" : long ? "long" : "text"
        let classes = [kind, annotations.cellClasses(form: form, fields: fields)].compactMap { $0 }.joined(
            separator: " ")
        let attributes: HTMLBuilder.Attributes = [
            "id": HTMLBuilder.anchor(form: form, field: field), "class": classes,
            "colspan": colspan > 1 ? "\(colspan)" : nil, "data-field": field,
        ]
        row.element("td", attributes) { cell in
            cell.element("span", ["class": "value"], text: text ?? "")
            RepairChipHTML(form: form, annotations: annotations).write(fields: fields, to: &cell)
        }
    }

    /// A merged level1/level2 cell covering `rows`: it carries the repairs of every row it
    /// covers, and an empty anchor per row so links to `indicators[n].level1` still land on it.
    private func mergedValue(_ row: inout HTMLBuilder, key: String, rows: Range<Int>, text: String) {
        let fields = rows.map { "indicators[\($0)].\(key)" }
        let classes = ["text", annotations.cellClasses(form: form, fields: fields)].compactMap { $0 }.joined(
            separator: " ")
        row.element(
            "td", ["class": classes, "rowspan": rows.count > 1 ? "\(rows.count)" : nil, "data-field": fields.first]
        ) { cell in
            for field in fields { cell.element("span", ["id": HTMLBuilder.anchor(form: form, field: field)], text: "") }
            cell.element("span", ["class": "value"], text: text)
            RepairChipHTML(form: form, annotations: annotations).write(fields: fields, to: &cell)
        }
    }
}
