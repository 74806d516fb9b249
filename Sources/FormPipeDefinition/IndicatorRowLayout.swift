import FormPipeCore
import FormPipeLayout

/// Which cell of an indicator row holds which field, decided by what the cells hold rather
/// than where they are: OCR rows lose their leading merged cells or slide a column, but the
/// row always ends with target, actual, weight and score (and an optional deviation note).
package struct IndicatorRowLayout: Sendable {
    package var level1: TableCell?
    package var level2: TableCell?
    package var level3: TableCell?
    package var target: TableCell?
    package var actual: TableCell?
    package var weight: TableCell?
    package var score: TableCell?
    package var deviation: TableCell?
    /// Cells left of level3 that are no indicator level.
    package var unplaced: [TableCell] = []

    /// A row that holds only level labels: a merged cell's text displaced by a page break.
    package var isLabelOnly: Bool { level3 == nil && weight == nil && (level1 != nil || level2 != nil) }

    /// A row with text but no numbers: the rest of the previous row's cells, cut by a page break.
    package var isContinuation: Bool { weight == nil && score == nil && level3 != nil && level1 == nil && level2 == nil }

    package init() {}

    /// A template row the form left unfilled: its indicator text only a numbering ("指标2") or
    /// "……", no values. Level labels it carries still count.
    package static func isPlaceholder(_ text: String) -> Bool {
        let compact = LabelText.normalized(text)
        if !compact.isEmpty, compact.allSatisfy({ "…．.。、·-—".contains($0) }) { return true }
        guard compact.hasPrefix("指标"), compact.count > 2 else { return false }
        return compact.dropFirst(2).allSatisfy { $0.isASCII && $0.isNumber }
    }

    package init(row: TableRow) {
        var cells = row.cells.filter { cell in
            let compact = LabelText.compact(cell.text)
            return !compact.isEmpty && compact != "绩效指标"
        }
        // The vocabulary match is an edit-distance search: each cell is matched at most once.
        if cells.count <= 2 {
            let matches = cells.compactMap { IndicatorVocabulary.match($0.text) }
            if matches.count == cells.count {
                for (index, (cell, match)) in zip(cells, matches).enumerated() {
                    assignLevel(cell, Self.resolved(match, next: cells.dropFirst(index + 1).first))
                }
                return
            }
        }
        // Anchor on the rightmost pair of numbers followed by at most one note.
        let isNumber: (TableCell) -> Bool = { PrintedNumber(parsing: $0.text) != nil }
        var anchor: Int?
        for index in stride(from: cells.count - 1, through: 1, by: -1) where cells.count - 1 - index <= 1 {
            if isNumber(cells[index]), isNumber(cells[index - 1]) {
                anchor = index - 1
                break
            }
        }
        if let weightIndex = anchor {
            weight = cells[weightIndex]
            score = cells[weightIndex + 1]
            if weightIndex + 2 < cells.count { deviation = cells[weightIndex + 2] }
            cells = Array(cells[..<weightIndex])
        } else if let last = cells.last, isNumber(last), cells.count >= 4 {
            weight = last
            cells.removeLast()
        }
        if weight != nil {
            if !cells.isEmpty { actual = cells.removeLast() }
            if !cells.isEmpty { target = cells.removeLast() }
        }
        // Level labels are taken from the left; what is left over is the level3 text.
        while let first = cells.first, cells.count > 1 || weight == nil, level2 == nil,
            let match = IndicatorVocabulary.match(first.text)
        {
            assignLevel(first, Self.resolved(match, next: cells.dropFirst().first))
            cells.removeFirst()
        }
        if !cells.isEmpty { level3 = cells.removeLast() }
        unplaced = cells
    }

    /// A name that is both a level1 and a level2 (成本指标) is a level1 only where a level2
    /// label follows it in the row; alone, it is the level2 of the block it stands in.
    static func resolved(
        _ match: (entry: String, level: IndicatorVocabulary.Level, similarity: Double), next: TableCell?
    ) -> (entry: String, level: IndicatorVocabulary.Level, similarity: Double) {
        guard IndicatorVocabulary.isBothLevels(match.entry) else { return match }
        let nextIsLevel2 = next.flatMap { IndicatorVocabulary.match($0.text) }.map { $0.level == .level2 || IndicatorVocabulary.isBothLevels($0.entry) } ?? false
        return (match.entry, nextIsLevel2 ? .level1 : .level2, match.similarity)
    }

    private mutating func assignLevel(
        _ cell: TableCell, _ match: (entry: String, level: IndicatorVocabulary.Level, similarity: Double)
    ) {
        switch match.level {
        case .level1 where level1 == nil: level1 = cell
        case .level2 where level2 == nil: level2 = cell
        default: unplaced.append(cell)
        }
    }
}
