import FormPipeRecord
/// `OUTBOX/index.html`: every converted document, worst first, reviewed or not, each linking to
/// its review page and straight to its least sure repair — so the weakest repair of the whole
/// outbox is one click from here, and any document's is one click too.
struct ReviewIndexHTML {
    let summaries: [DocumentSummary]
    let problems: [ReviewError]

    func render() -> String {
        HTMLBuilder.page(title: "审阅 Review — formpipe outbox") { body in
            writeHeader(to: &body)
            writeTable(to: &body)
            writeProblems(to: &body)
        }
    }

    private func writeHeader(to body: inout HTMLBuilder) {
        body.element("h1", text: "项目支出绩效自评表 · 审阅 Review")
        let open = summaries.filter { !$0.isReviewed }
        body.element(
            "p", ["class": "meta"],
            text: "\(summaries.count) documents · \(open.count) not reviewed · "
                + "\(summaries.reduce(0) { $0 + $1.decided }) of \(summaries.reduce(0) { $0 + $1.repairs }) repairs decided · "
                + "\(summaries.reduce(0) { $0 + $1.findings }) findings"
        )
        let candidates = open.isEmpty ? summaries : open
        if let worst = candidates.filter({ $0.weakest != nil }).min(by: { $0.lowestConfidence! < $1.lowestConfidence! }
        ),
            let repair = worst.weakest
        {
            body.element("p", ["class": "meta"]) { line in
                line.text("Least sure repair\(open.isEmpty ? "" : " not yet reviewed"): ")
                line.element(
                    "a",
                    [
                        "href": HTMLBuilder.relativeURL(worst.name, ReviewDocument.pageFileName) + "#\(repair.id)",
                        "id": "weakest",
                    ],
                    text: "\(worst.name) \(repair.id) · \(FieldCaption.caption(for: repair.field)) · "
                        + "\(repair.rule) · \(LoggedRepair.confidenceText(repair.confidence))")
            }
        }
    }

    private func writeTable(to body: inout HTMLBuilder) {
        guard !summaries.isEmpty else {
            body.element("p", ["class": "empty"], text: "No converted documents yet.")
            return
        }
        body.element("table", ["class": "index"]) { table in
            table.element("tr") { row in
                row.element("th", text: "文件 Document")
                for heading in ["表 Forms", "修复 Repairs", "问题 Findings", "最低置信度 Lowest"] {
                    row.element("th", ["class": "num"], text: heading)
                }
                row.element("th", text: "最弱修复 Weakest repair")
                row.element("th", text: "状态 Status")
            }
            for summary in summaries { writeRow(summary, to: &table) }
        }
    }

    private func writeRow(_ summary: DocumentSummary, to table: inout HTMLBuilder) {
        let page = HTMLBuilder.relativeURL(summary.name, ReviewDocument.pageFileName)
        table.element("tr", ["class": summary.isReviewed ? "reviewed" : nil, "data-document": summary.name]) { row in
            row.element("td") { cell in
                cell.element("a", ["href": page, "class": "document"], text: summary.name)
                cell.element("div", ["class": "muted"], text: "\(summary.source) · \(summary.inputKind)")
            }
            row.element("td", ["class": "num"], text: summary.tables > 0 ? "\(summary.forms) + \(summary.tables) 附表" : "\(summary.forms)")
            row.element("td", ["class": "num"], text: "\(summary.repairs)")
            row.element("td", ["class": "num"], text: "\(summary.findings)")
            if let weakest = summary.weakest {
                row.element("td", ["class": "num \(ConfidenceBand(weakest.confidence).cssClass)"]) { cell in
                    cell.element(
                        "a", ["href": "\(page)#\(weakest.id)"], text: LoggedRepair.confidenceText(weakest.confidence))
                }
                row.element("td") { cell in
                    cell.element(
                        "a", ["href": "\(page)#\(weakest.id)"],
                        text: "\(weakest.id) \(FieldCaption.caption(for: weakest.field))")
                    cell.element("div", ["class": "muted"], text: weakest.rule)
                }
            } else {
                row.element("td", ["class": "num"], text: "—")
                row.element("td", text: "")
            }
            row.element("td") { cell in
                if summary.isUnrecognized {
                    cell.element("span", ["class": "badge no"], text: "未识别 unrecognized")
                }
                if let who = summary.reviewedBy {
                    cell.element("span", ["class": "badge yes"], text: "已审阅 reviewed")
                    cell.element("div", ["class": "muted"], text: "\(who), \(summary.reviewedAt ?? "")")
                } else {
                    cell.element("span", ["class": "badge no"], text: "未审阅 not reviewed")
                }
                if summary.repairs > 0 {
                    cell.element("div", ["class": "muted progress"], text: "\(summary.decided) / \(summary.repairs) repairs decided")
                }
                if summary.corrections > 0 {
                    cell.element("div", ["class": "muted"], text: "\(summary.corrections) corrections")
                }
            }
        }
    }

    private func writeProblems(to body: inout HTMLBuilder) {
        guard !problems.isEmpty else { return }
        body.element("h2", text: "Folders that could not be read")
        body.element("ul") { list in
            for problem in problems { list.element("li", text: problem.message) }
        }
    }
}
