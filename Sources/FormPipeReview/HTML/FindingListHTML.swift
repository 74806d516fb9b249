import FormPipeEmit
/// The findings of a document — inconsistencies the form itself prints, which the converter
/// reports and never "fixes" — at the top of the page, each linking to the cells it concerns
/// (those cells are outlined in the table).
struct FindingListHTML {
    let findings: [LoggedFinding]

    func write(to page: inout HTMLBuilder) {
        page.element("section", ["id": "findings"]) { section in
            section.element("h2", text: "发现的问题 Findings (\(findings.count)) — printed on the form, not repaired")
            guard !findings.isEmpty else {
                section.element("p", ["class": "empty"], text: "No findings: the form's totals and rates agree.")
                return
            }
            section.element("ol", ["class": "findings"]) { list in
                for finding in findings {
                    list.element("li", ["id": finding.id]) { item in
                        item.element("b", text: finding.id)
                        item.text(" ")
                        item.element("span", ["class": "rule"], text: finding.rule)
                        item.text(" · \(FormFileName.stem(form: finding.form)) · ")
                        item.element("span", ["class": "message"], text: finding.message)
                        item.element("div", ["class": "fields"]) { fields in
                            for (index, field) in finding.fields.enumerated() {
                                if index > 0 { fields.text(", ") }
                                fields.element(
                                    "a",
                                    [
                                        "href": "#\(HTMLBuilder.anchor(form: finding.form, field: field))",
                                        "title": field,
                                    ],
                                    text: FieldCaption.caption(for: field))
                            }
                        }
                    }
                }
            }
        }
    }
}
