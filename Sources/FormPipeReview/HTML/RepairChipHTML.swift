/// The repairs of one cell, drawn inside the cell: a small chip per repair (id and confidence)
/// that opens to show before → after and the rule, and links to the repair's row with the crop.
/// Low-confidence chips start open, so the cells most worth checking show their detail without a click.
///
/// Repairs of the same rule with the same before and after (the fill-down of a merged cell over
/// several rows) share one chip, so a merged cell is not buried under identical chips.
struct RepairChipHTML {
    let form: Int
    let annotations: FieldAnnotations

    func write(fields: [String], to cell: inout HTMLBuilder) {
        var groups: [(key: String, repairs: [LoggedRepair], field: String)] = []
        for field in fields {
            for repair in annotations.repairs(form: form, field: field) {
                let key = "\(repair.rule)\u{1F}\(repair.before)\u{1F}\(repair.after)"
                if !repair.isReviewer, let index = groups.firstIndex(where: { $0.key == key }) {
                    groups[index].repairs.append(repair)
                } else {
                    groups.append((key, [repair], field))
                }
            }
        }
        for group in groups { writeChip(group.repairs, field: group.field, to: &cell) }

        var seen: Set<String> = []
        for field in fields {
            for finding in annotations.findings(form: form, field: field) where seen.insert(finding.id).inserted {
                cell.element(
                    "a", ["class": "chip finding-chip", "href": "#\(finding.id)", "title": finding.message],
                    text: finding.id)
            }
        }
    }

    private func writeChip(_ repairs: [LoggedRepair], field: String, to cell: inout HTMLBuilder) {
        let first = repairs[0]
        let weakest = repairs.map(\.confidence).min() ?? first.confidence
        let band = first.isReviewer ? "reviewed" : ConfidenceBand(weakest).cssClass
        let ids = repairs.map(\.id).joined(separator: ", ")
        let summary = first.isReviewer ? "\(ids) · 审阅 reviewer" : "\(ids) · \(LoggedRepair.confidenceText(weakest))"
        let tooltip =
            "\(ids) \(first.rule) (\(LoggedRepair.confidenceText(weakest))): \(Self.shown(first.before)) → \(Self.shown(first.after))"
        let startsOpen = !first.isReviewer && ConfidenceBand(weakest) == .low
        cell.element("details", ["class": "fix \(band)", "id": "cell-\(first.id)", "open": startsOpen ? "" : nil]) {
            details in
            details.element("summary", ["title": tooltip], text: summary)
            details.element("div", ["class": "fix-body"]) { body in
                ChangeHTML(before: first.before, after: first.after).write(to: &body)
                var rule = "\(first.rule) · 置信度 confidence \(LoggedRepair.confidenceText(weakest))"
                if first.isReviewer, let who = first.line["who"]?.stringValue {
                    rule =
                        "\(first.line["action"]?.stringValue ?? "set") by \(who), \(first.line["when"]?.stringValue ?? "")"
                }
                body.element("div", ["class": "rule"], text: rule)
                // Crops are drawn in the list rows; a chip repeats its crop only when it starts
                // open (low confidence), which keeps the page small.
                let crop = annotations.crop(form: form, field: field)
                if startsOpen, let crop {
                    body.void("img", ["class": "crop", "src": crop, "alt": "the page around \(first.id) (\(field))"])
                }
                let scan = crop == nil ? "" : " with the page around it"
                body.element(
                    "a", ["class": "queue-link", "href": "#\(first.id)"], text: "→ \(first.id) in the list\(scan)")
            }
        }
    }

    /// How an empty before/after reads: the cell was blank.
    static func shown(_ text: String) -> String { text.isEmpty ? "（空）" : text }
}

/// `before → after`, with the before struck through; an empty side reads （空） (blank).
struct ChangeHTML {
    let before: String
    let after: String

    func write(to builder: inout HTMLBuilder) {
        builder.element("div", ["class": "change"]) { change in
            change.element("del", ["class": before.isEmpty ? "blank" : nil], text: RepairChipHTML.shown(before))
            change.element("span", ["class": "arrow"], text: " → ")
            change.element("ins", ["class": after.isEmpty ? "blank" : nil], text: RepairChipHTML.shown(after))
        }
    }
}
