import FormPipeCore
import FormPipeDefinition
import FormPipeLayout
import FormPipeRepair

/// Puts back a header label that OCR lost or misread beyond recognition, where the form
/// definition prints it: the row right above the 主管部门 / 实施单位 row is the 项目名称 row.
///
/// A form is found by its labels, and the 项目名称 row is the one that starts it: a heavy scan
/// that reads that one cell as "项诗匈称" (or "=") would lose the whole form, although the rows
/// under it say plainly what it is. So when a row holds the labels of one of the definition's
/// header rows (``FormDefinition/headerRows``) and the row above it in the same table holds no
/// label at all, an OCR'd cell of that row under each label column is taken for the label the
/// definition expects there. The change travels as an ``OCRCorrection`` (rule
/// `label-restored`, confidence ``confidence``) on the cell; the record stage logs it as a repair
/// of the field the label names, with a finding.
///
/// Only cells an OCR engine read (or a blank cell in a row it read) are restored: a text layer
/// prints what the form prints, and a label it does not know is another layout, not damage.
package struct HeaderLabelRestoration: Sendable {
    static let rule = "label-restored"
    /// Below a label snapped from a near reading: the text itself says little or nothing.
    static let confidence = 0.5
    /// A cell holding more than this many characters is a value, not a damaged label.
    static let longestLabel = 10

    let definition: FormDefinition

    package init(definition: FormDefinition = .selfEvaluation) {
        self.definition = definition
    }

    /// Logs a table's column header put back by its position (funds or indicators): a repair of
    /// the column's field and a finding asking for the column's values to be checked.
    static func logRestoredColumn(
        _ cell: TableCell, key: String, label: String, section: String, log: inout RepairCollector
    ) {
        let path = "\(section).\(key)"
        log.add(FieldLocation(path, cell: cell), rule: rule, before: cell.text, after: label, confidence: confidence)
        log.report(
            rule: rule, fields: [path],
            message: "\(section): the column header \"\(LabelText.compact(cell.text))\" is taken for \(label), the column "
                + "the form prints there between headers that read; check the \(key) values")
    }

    package func restore(_ blocks: [DocumentBlock]) -> [DocumentBlock] {
        var output = blocks
        // The header row last seen in the current form; nil at its title and before any form.
        var highestSeen: Int?
        for index in blocks.indices {
            guard case .row(let row) = blocks[index] else {
                if case .text(let line) = blocks[index], LabelText.holdsTitle(LabelText.compact(line.text)) {
                    highestSeen = nil
                }
                continue
            }
            if row.cells.contains(where: { LabelText.holdsTitle(LabelText.compact($0.text)) }) { highestSeen = nil }
            guard let (layoutRow, labelCells) = headerRow(of: row) else { continue }
            // The row above is expected unseen when this row starts the header or skips one.
            let expectedMissing = highestSeen.map { layoutRow <= $0 || layoutRow - 1 > $0 } ?? true
            if layoutRow > 0, expectedMissing, index > 0, case .row(let above) = output[index - 1],
                let restored = restoring(above, keys: definition.headerRows[layoutRow - 1], under: labelCells)
            {
                output[index - 1] = .row(restored)
            }
            highestSeen = layoutRow
        }
        return output
    }

    /// The header row (index into ``FormDefinition/headerRows``) whose labels `row` prints, and
    /// those label cells left to right; nil when it prints none or labels of two rows.
    private func headerRow(of row: TableRow) -> (Int, [TableCell])? {
        var found: Int?
        var cells: [TableCell] = []
        for cell in row.cells {
            let label = LabelText.normalized(cell.text)
            guard let field = definition.headerFields.first(where: { $0.labels.contains(label) }) else { continue }
            guard let layoutRow = definition.headerRows.firstIndex(where: { $0.contains(field.key) }) else { continue }
            if let found, found != layoutRow { return nil }
            found = layoutRow
            cells.append(cell)
        }
        return found.map { ($0, cells) }
    }

    /// `above` with the labels of `keys` put in the cells above `labelCells`, or nil when it is
    /// no damaged header row: it holds a label or a title, has no value, or its cells there were
    /// not read by OCR or are too long for a label.
    private func restoring(_ above: TableRow, keys: [String], under labelCells: [TableCell]) -> TableRow? {
        let fields = keys.compactMap { key in definition.headerFields.first { $0.key == key } }
        guard fields.count == keys.count, !labelCells.isEmpty else { return nil }
        // A row with one label column below restores the first key; two columns, one key each.
        let pairs = labelCells.count == fields.count ? Array(zip(labelCells, fields)) : [(labelCells[0], fields[0])]
        guard
            !above.cells.contains(where: {
                LabelText.isFixedLabel($0.text) || LabelText.holdsTitle(LabelText.compact($0.text))
            })
        else { return nil }
        let rowWasRead = above.cells.contains { $0.ocrConfidence != nil }
        var restored = above
        var targets: Set<Int> = []
        for (labelCell, field) in pairs {
            guard let target = above.cells.firstIndex(where: { $0.column == labelCell.column }) else { return nil }
            let cell = above.cells[target]
            let text = LabelText.compact(cell.text)
            guard text.count <= Self.longestLabel, cell.ocrConfidence != nil || (text.isEmpty && rowWasRead) else {
                return nil
            }
            restored.cells[target].text = field.label
            restored.cells[target].ocrCorrections.append(
                OCRCorrection(rule: Self.rule, before: cell.text, after: field.label, confidence: Self.confidence))
            targets.insert(target)
        }
        // A header row pairs each label with a value to its right.
        let hasValue = above.cells.indices.contains {
            !targets.contains($0) && !LabelText.compact(above.cells[$0].text).isEmpty
                && above.cells[$0].column > (pairs.map(\.0.column).min() ?? 0)
        }
        return hasValue ? restored : nil
    }
}
