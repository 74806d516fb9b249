import FormPipeCore
import FormPipeDefinition
import FormPipeLayout

/// A merged level2 cell whose label a page break displaced: it turns up as a row of its own
/// ("质量指标" alone after the 成本指标 row), while the rows it labels, printed after the break,
/// were filled down from the block above. The label goes back to the rows that were filled
/// down since the last block start (a page break or a numbering restart such as "指标1").
package enum LostMergedLabelRule {
    package static let name = "lost-merged-label"

    package static func restartsNumbering(_ level3: String, previous: String) -> Bool {
        // Only consulted for rows whose level2 was filled down: a "指标1" there means a new
        // block began whose own merged label went missing.
        !previous.isEmpty && isFirstOfNumbering(level3)
    }

    /// "指标1:…" or "指标 1：…", not "指标10".
    private static func isFirstOfNumbering(_ text: String) -> Bool {
        let compact = LabelText.compact(text)
        guard compact.hasPrefix("指标1") else { return false }
        let next = compact.dropFirst(3).first
        return next.map { !$0.isNumber } ?? true
    }

    package static func apply<Indicator: IndicatorLevels>(
        label: TableCell, beforeIndicator end: Int, to indicators: inout [Indicator],
        provenance: [LevelFillDown.Provenance], startsBlock: [Bool], reportUnmatched: Bool = true,
        log: inout RepairCollector
    ) {
        guard let match = IndicatorVocabulary.match(label.text), match.level == .level2 || IndicatorVocabulary.isBothLevels(match.entry)
        else { return }
        var index = end - 1
        while index >= 0, provenance[index] != .filledDown { index -= 1 }
        var run: [Int] = []
        while index >= 0, provenance[index] == .filledDown {
            run.append(index)
            if startsBlock[index] { break }
            index -= 1
        }
        guard let first = run.last, startsBlock[first] else {
            guard reportUnmatched else { return }  // a template's empty level2 row: nothing to say
            log.report(
                rule: "stray-label", fields: [],
                message: "a row holding only \"\(match.entry)\" could not be matched to the rows it labels; it was left out")
            return
        }
        for row in run.reversed() where indicators[row].level2 != match.entry {
            log.add(
                FieldLocation("indicators[\(row)].level2", cell: label), rule: name, before: indicators[row].level2,
                after: match.entry, confidence: 0.6)
            indicators[row].level2 = match.entry
        }
    }
}
