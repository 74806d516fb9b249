import FormPipeCore

/// Spaces OCR puts next to punctuation and signs: "指标 1: 参加" → "指标1:参加",
/// "≥ 90%" → "≥90%", "1. 通过" → "1.通过". What remains after this rule are spaces between
/// two Latin words, which stay (one space each).
struct StraySpaceRule: CellTextRule {
    let name = "stray-space"
    let confidence = 0.9

    func apply(to text: String, field: FieldKind) -> String {
        rewriteWhitespaceGaps(in: text) { gap in
            let left = CharacterClass(gap.left)
            let right = CharacterClass(gap.right)
            // Gaps between two CJK characters are split-cjk-word's to judge (it keeps slogans).
            if left.isCJK && right.isCJK { return nil }
            if left == .latinLetter && right == .latinLetter {
                return gap.run == " " ? nil : " "
            }
            // A gap between a digit and a Latin letter ("Windows 10", "5 G") is ambiguous: keep it single.
            if (left == .latinLetter && right == .digit) || (left == .digit && right == .latinLetter) {
                return gap.run == " " ? nil : " "
            }
            return ""
        }
    }
}
