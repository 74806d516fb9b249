import FormPipeRecord
import FormPipeEmit
/// `OUTBOX/NAME/review.html`: one document's review page. From the top: what the document is
/// and whether it has been reviewed, the findings, each form drawn as its table with the repaired
/// cells marked, every repair lowest confidence first, and the reviewers' decisions.
///
/// One self-contained file: inline CSS, no scripts, no fonts from elsewhere, the scan crops
/// embedded as `data:` PNGs, so it opens from `file://` offline and survives being copied alone.
struct ReviewPageHTML {
    let document: ReviewDocument
    /// The outbox path the suggested commands name.
    let outbox: String?

    func render() -> String {
        let log = document.logWithDecisions()
        let annotations = FieldAnnotations(log: log, crops: document.crops)
        return HTMLBuilder.page(title: "审阅 \(document.name) — formpipe") { body in
            writeHeader(log: log, to: &body)
            FindingListHTML(findings: log.findings).write(to: &body)
            for (index, record) in document.records.enumerated() {
                writeForm(record, number: index + 1, annotations: annotations, to: &body)
            }
            if let tables = document.tableRecord {
                TableRecordHTML(record: tables, annotations: annotations).write(to: &body)
            }
            RepairQueueHTML(document: document, log: log, annotations: annotations, outbox: outbox).write(to: &body)
            DecisionListHTML(ledger: document.ledger, log: log).write(to: &body)
        }
    }

    private func writeHeader(log: RepairLogFile, to body: inout HTMLBuilder) {
        body.element("nav", ["class": "top"]) { nav in
            nav.element("a", ["href": "../index.html"], text: "← 全部文件 All documents")
        }
        body.element("h1", text: "审阅 Review: \(document.name)")
        let summary = DocumentSummary(document: document, log: log)
        body.element("p", ["class": "meta"]) { meta in
            meta.text(
                "\(document.sourceName) · \(document.inputKind) · \(summary.forms) forms · "
                    + (summary.tables > 0 ? "\(summary.tables) other table\(summary.tables == 1 ? "" : "s") · " : "")
                    + (summary.isUnrecognized ? "未识别 unrecognized: no known form · " : "")
                    + "\(summary.repairs) repairs · \(summary.findings) findings · lowest confidence ")
            if let weakest = summary.weakest {
                meta.element(
                    "a", ["href": "#\(weakest.id)"],
                    text: "\(LoggedRepair.confidenceText(weakest.confidence)) (\(weakest.id))")
            } else {
                meta.text("—")
            }
            meta.text(" · ")
            if let acceptance = document.ledger.acceptance {
                meta.element(
                    "span", ["class": "badge yes"], text: "已审阅 reviewed by \(acceptance.who), \(acceptance.when)")
            } else {
                meta.element("span", ["class": "badge no"], text: "未审阅 not reviewed")
            }
        }
        body.element("p", ["class": "meta"]) { contents in
            contents.element("a", ["href": "#findings"], text: "Findings")
            for index in document.records.indices {
                let stem = FormFileName.stem(form: index + 1)
                contents.text(" · ")
                contents.element("a", ["href": "#\(stem)"], text: stem)
            }
            for number in 0..<summary.tables {
                contents.text(" · ")
                contents.element("a", ["href": "#\(TableRecordHTML.anchor(table: number + 1))"], text: "附表 \(number + 1)")
            }
            contents.text(" · ")
            contents.element("a", ["href": "#queue"], text: "Repairs")
            contents.text(" · ")
            contents.element("a", ["href": "#decisions"], text: "Decisions")
        }
        body.element("p", ["class": "legend"]) { legend in
            legend.element("span", ["style": "background: var(--low)"], text: "confidence < 0.8")
            legend.element("span", ["style": "background: var(--mid)"], text: "< 0.95")
            legend.element("span", ["style": "background: var(--high)"], text: "≥ 0.95")
            legend.element("span", ["style": "background: var(--ok)"], text: "set by a reviewer")
            legend.element("span", ["style": "outline: 2px dashed #c00"], text: "named by a finding")
        }
        body.element("code", text: "\(ReviewCommandLine.base(document: document.name, outbox: outbox)) --accept")
    }

    private func writeForm(_ record: FormRecord, number: Int, annotations: FieldAnnotations, to body: inout HTMLBuilder)
    {
        let stem = FormFileName.stem(form: number)
        body.element("section", ["id": stem, "class": "form-section"]) { section in
            section.element("h2") { heading in
                heading.text("表 \(number) · \(stem) · \(record.projectName) ")
                heading.element("a", ["href": "\(stem).json", "class": "muted"], text: "\(stem).json")
                if document.hasXML {
                    heading.text(" ")
                    heading.element("a", ["href": "\(stem).xml", "class": "muted"], text: "\(stem).xml")
                }
            }
            FormTableHTML(record: record, form: number, annotations: annotations).write(to: &section)
        }
    }
}
