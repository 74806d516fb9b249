import Foundation
import FormPipeRepair
import FormPipeRecord
import FormPipeEmit

/// The list of a document's repairs, lowest confidence first: the order a reviewer should
/// check them in. Each row links to its cell in the form table, shows the scan crop beside the
/// change, and gives the command that reverts or corrects it. The index page links straight to
/// a row (`review.html#R17`).
struct RepairQueueHTML {
    let document: ReviewDocument
    let log: RepairLogFile
    let annotations: FieldAnnotations
    /// The outbox the commands should name, as the page's writer knew it.
    let outbox: String?

    func write(to page: inout HTMLBuilder) {
        let queue = log.machineRepairs.enumerated().sorted {
            ($0.element.confidence, $0.offset) < ($1.element.confidence, $1.offset)
        }.map(\.element)
        page.element("section", ["id": "queue"]) { section in
            section.element("h2", text: "修复记录 Repairs (\(queue.count)) — lowest confidence first")
            guard !queue.isEmpty else {
                section.element("p", ["class": "empty"], text: "No repairs: the converter changed nothing it read.")
                return
            }
            section.element("table", ["class": "queue"]) { table in
                table.element("tr") { row in
                    for heading in ["置信度", "修复", "表", "字段 field", "原文 → 修复后", "规则 rule", "扫描 scan", "审阅 review"] {
                        row.element("th", text: heading)
                    }
                }
                for repair in queue { writeRow(repair, to: &table) }
            }
        }
    }

    private func writeRow(_ repair: LoggedRepair, to table: inout HTMLBuilder) {
        let cellAnchor = HTMLBuilder.anchor(form: repair.form, field: repair.field)
        let band = ConfidenceBand(repair.confidence).cssClass
        table.element("tr", ["id": repair.id, "class": band]) { row in
            row.element("td", ["class": "num confidence"], text: LoggedRepair.confidenceText(repair.confidence))
            row.element("td") { cell in cell.element("a", ["href": "#\(cellAnchor)"], text: repair.id) }
            row.element("td", text: repair.form == Repair.outsideForms ? "tables" : FormFileName.stem(form: repair.form))
            row.element("td") { cell in
                cell.element("a", ["href": "#\(cellAnchor)"], text: FieldCaption.caption(for: repair.field))
                cell.element("div", ["class": "path"], text: repair.field)
            }
            row.element("td", ["class": "long"]) { cell in
                ChangeHTML(before: repair.before, after: repair.after).write(to: &cell)
            }
            row.element("td", text: repair.rule)
            row.element("td") { cell in
                if let crop = annotations.crop(form: repair.form, field: repair.field) {
                    cell.void(
                        "img",
                        [
                            "class": "crop", "src": crop, "alt": "the page around \(repair.id)",
                            "data-crop": ScanCrops.key(form: repair.form, field: repair.field),
                        ])
                } else {
                    cell.element("span", ["class": "muted"], text: document.inputKind == "pdf" ? "no box" : "—")
                }
            }
            row.element("td", ["class": "review"]) { cell in writeReviewCell(repair, to: &cell) }
        }
    }

    /// What became of the repair: the reviewer's later decision on its field, or the commands
    /// that would make one.
    private func writeReviewCell(_ repair: LoggedRepair, to cell: inout HTMLBuilder) {
        let decided = annotations.repairs(form: repair.form, field: repair.field).last(where: \.isReviewer)
        if let decided {
            cell.element("span", ["class": "decided"], text: "✔ \(decided.id): \(RepairChipHTML.shown(decided.after))")
            cell.element("div", ["class": "muted"], text: decided.line["who"]?.stringValue ?? "")
        }
        let base = ReviewCommandLine.base(document: document.name, outbox: outbox)
        guard document.records.indices.contains(repair.form - 1) else {
            cell.element("span", ["class": "muted"], text: "A cell of the table record: shown for review, not corrected here.")
            return
        }
        let isValue =
            FieldPath(parsing: repair.field).flatMap { try? document.records[repair.form - 1].fieldKind(at: $0) } != nil
        guard isValue else {
            cell.element("span", ["class": "muted"], text: "A whole row: correct its cells with --set.")
            return
        }
        cell.element("code", text: "\(base) --revert \(repair.id)")
        let target = "\(FormFileName.stem(form: repair.form)):\(repair.field)=\(repair.after)"
        cell.element("code", text: "\(base) --set \(ReviewCommandLine.quote(target))")
    }
}

/// The `formpipe review` command lines the pages suggest, quoted for a POSIX shell.
enum ReviewCommandLine {
    static func base(document: String, outbox: String?) -> String {
        var line = "formpipe review \(quote(document))"
        if let outbox { line += " --outbox \(quote(outbox))" }
        return line
    }

    /// Single-quotes text unless it is plain (letters, digits, `-_./`).
    static func quote(_ text: String) -> String {
        let plain =
            !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                    UInt8(ascii: "/"):
                    true
                default: false
                }
            }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
