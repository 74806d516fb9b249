import FormPipeDefinition
import FormPipeLayout

/// level1 and level2 are merged cells spanning many rows. Where the source says so (a
/// rowspan), the rows below inherit the label silently; where it does not (OCR text shows an
/// empty cell, or a page break cut the span), the label is filled down and logged as
/// `fill-down`. A level2 under a different level1 implies that level1 (`implied-level1`).
package struct LevelFillDown {
    package enum Provenance: Sendable { case explicit, spanned, filledDown, none }

    package struct Levels {
        package var level1: String
        package var level2: String
        package var level2Provenance: Provenance
        package var level1Provenance: Provenance = .none
    }

    private var level1 = ""
    private var level2 = ""
    private var level1SpanLeft = 0
    private var level2SpanLeft = 0

    package init() {}

    package mutating func override(level2: String) {
        self.level2 = level2
    }

    package mutating func next(_ layout: IndicatorRowLayout, path: String, repairer: CellTextRepairer, log: inout RepairCollector)
        -> Levels
    {
        var level2Provenance = Provenance.none
        var level1Provenance = Provenance.none
        var level1Changed = false
        if let cell = layout.level1 {
            let value = Self.snapped(cell, level: .level1, field: "\(path).level1", repairer: repairer, log: &log)
            level1Changed = value != level1
            level1 = value
            level1SpanLeft = max(0, cell.rowSpan - 1)
            level1Provenance = .explicit
        } else if level1SpanLeft > 0 {
            level1SpanLeft -= 1
            level1Provenance = .spanned
        } else if !level1.isEmpty, layout.level3 != nil {
            log.add(FieldLocation("\(path).level1"), rule: "fill-down", before: "", after: level1, confidence: 0.95)
            level1Provenance = .filledDown
        }

        if let cell = layout.level2 {
            let value = Self.snapped(cell, level: .level2, field: "\(path).level2", repairer: repairer, log: &log)
            level2 = value
            level2SpanLeft = max(0, cell.rowSpan - 1)
            level2Provenance = .explicit
            if let parent = IndicatorVocabulary.level1(containing: value), !IndicatorVocabulary.allows(level2: value, under: level1),
                layout.level1 == nil
            {
                log.add(FieldLocation("\(path).level1", cell: cell), rule: "implied-level1", before: level1, after: parent, confidence: 0.9)
                level1 = parent
                level1SpanLeft = 0
            }
        } else if level1Changed
            || (IndicatorVocabulary.level1(containing: level2) != nil && !IndicatorVocabulary.allows(level2: level2, under: level1))
        {
            // A new level1 block starts without its own level2: the old one does not carry over.
            level2 = ""
            level2SpanLeft = 0
        } else if level2SpanLeft > 0 {
            level2SpanLeft -= 1
            level2Provenance = .spanned
        } else if !level2.isEmpty, layout.level3 != nil {
            log.add(FieldLocation("\(path).level2"), rule: "fill-down", before: "", after: level2, confidence: 0.9)
            level2Provenance = .filledDown
        }
        return Levels(level1: level1, level2: level2, level2Provenance: level2Provenance, level1Provenance: level1Provenance)
    }

    private static func snapped(
        _ cell: TableCell, level: IndicatorVocabulary.Level, field: String, repairer: CellTextRepairer,
        log: inout RepairCollector
    ) -> String {
        let location = FieldLocation(field, cell: cell)
        let text = repairer.repair(cell.text, kind: .text, at: location, log: &log)
        guard let snap = VocabularySnapRule(level: level).snap(text) else { return text }
        if snap.entry != text {
            log.add(location, rule: VocabularySnapRule.name, before: text, after: snap.entry, confidence: snap.confidence)
        }
        return snap.entry
    }
}
