/// Runs the cell-text rules in order over one field's raw text and logs each change.
///
/// The order matters: control characters go first, then tags (they hide the real neighbours of a gap), numbers are
/// joined before the script boundary rule removes the space between a number and its unit,
/// and the stray-space rule runs last, when only ambiguous gaps are left.
package struct CellTextRepairer: Sendable {
    static let textRules: [any CellTextRule] = [
        ControlCharacterRule(), HTMLTagRule(), NumberedParagraphRule(), ShortLineParagraphRule(), SplitNumberRule(), SplitCJKWordRule(),
        SpacedScriptBoundaryRule(),
        StraySpaceRule(),
    ]

    package init() {}

    /// Repairs `raw` for a field of kind `kind`; each rule that changes the text is logged with
    /// the text before and after it.
    package func repair(_ raw: String, kind: FieldKind, at location: FieldLocation, log: inout RepairCollector) -> String {
        for correction in location.ocrCorrections {
            log.add(location, rule: correction.rule, before: correction.before, after: correction.after, confidence: correction.confidence)
        }
        var text = raw
        for rule in Self.textRules {
            let repaired = rule.apply(to: text, field: kind)
            if repaired != text {
                log.add(location, rule: rule.name, before: text, after: repaired, confidence: rule.confidence)
                text = repaired
            }
        }
        return Self.assembleParagraphs(text, kind: kind)
    }

    /// Paragraphs survive as "\n" in goal texts; elsewhere a paragraph break is only a wrap.
    static func assembleParagraphs(_ text: String, kind: FieldKind) -> String {
        let paragraphs = text.paragraphParts
            .map { $0.trimmingCharacters(in: { $0.isCellWhitespace }) }
            .filter { !$0.isEmpty }
        return paragraphs.joined(separator: kind == .paragraphs ? "\n" : "")
    }
}

extension String {
    /// `components(separatedBy: "\n\n")`. Most cells hold no two line feeds in a row, and then
    /// the answer is the text itself without Foundation's (slow) search.
    var paragraphParts: [String] {
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte == 0x0A && previous == 0x0A { return components(separatedBy: "\n\n") }
            previous = byte
        }
        return [self]
    }

    package func trimmingCharacters(in isTrimmed: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = lastIndex(where: { !isTrimmed($0) })!
        return String(self[first...last])
    }
}
