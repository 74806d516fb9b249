import FormPipeDefinition
import FormPipeLayout

/// A merged level label whose block a page break cut is drawn on one page only. OCR HTML
/// gives it to the rows after the break (a rowspan over those) and leaves the block's rows
/// before the break with no label at all — no cell of their own and no span reaching them —
/// so filling down would hand them the previous block's labels. Where the source marks its
/// merged cells (the label after the break spans rows) and the rows right before the break
/// were filled down without a span, those rows belong to the block after the break.
///
/// OCR text marks no spans, so there a filled-down row is ordinary and this rule never fires.
package enum PageBreakLabelRule {
    package static let name = "page-break-label"

    /// What the rule needs to know of each indicator row.
    package struct Row {
        package var afterBreak: Bool
        package var printedLevel1: TableCell?
        package var printedLevel2: TableCell?
        package var level1Provenance: LevelFillDown.Provenance
        package var level2Provenance: LevelFillDown.Provenance

        package init(
            afterBreak: Bool, printedLevel1: TableCell?, printedLevel2: TableCell?, level1Provenance: LevelFillDown.Provenance,
            level2Provenance: LevelFillDown.Provenance
        ) {
            self.afterBreak = afterBreak
            self.printedLevel1 = printedLevel1
            self.printedLevel2 = printedLevel2
            self.level1Provenance = level1Provenance
            self.level2Provenance = level2Provenance
        }
    }

    package static func apply<Indicator: IndicatorLevels>(rows: [Row], to indicators: inout [Indicator], log: inout RepairCollector) {
        for donor in rows.indices where rows[donor].afterBreak {
            guard let label = rows[donor].printedLevel2, label.rowSpan > 1 else { continue }
            var index = donor - 1
            while index >= 0, rows[index].level2Provenance == .filledDown, rows[index].printedLevel1 == nil,
                rows[index].printedLevel2 == nil
            {
                adopt(indicators[donor], into: index, rows[index], indicators: &indicators, label: label, log: &log)
                if rows[index].afterBreak { break }
                index -= 1
            }
        }
    }

    private static func adopt<Indicator: IndicatorLevels>(
        _ donor: Indicator, into index: Int, _ row: Row, indicators: inout [Indicator], label: TableCell,
        log: inout RepairCollector
    ) {
        let path = "indicators[\(index)]"
        if row.level1Provenance == .filledDown, indicators[index].level1 != donor.level1, !donor.level1.isEmpty {
            log.add(FieldLocation("\(path).level1", cell: label), rule: name, before: indicators[index].level1, after: donor.level1, confidence: 0.7)
            indicators[index].level1 = donor.level1
        }
        guard indicators[index].level2 != donor.level2,
            IndicatorVocabulary.allows(level2: donor.level2, under: indicators[index].level1)
        else { return }
        log.add(FieldLocation("\(path).level2", cell: label), rule: name, before: indicators[index].level2, after: donor.level2, confidence: 0.7)
        indicators[index].level2 = donor.level2
    }
}
