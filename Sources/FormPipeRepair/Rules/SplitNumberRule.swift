import FormPipeCore

/// A number broken by a cell's line wrap or by OCR: "587.0490 60" is 587.049060,
/// "121.15 99 万" is "121.1599 万" (the unit is joined by `spaced-script-boundary`).
///
/// Only a gap inside one cell is joined: two numbers in two cells never meet here.
struct SplitNumberRule: CellTextRule {
    let name = "split-number"
    let confidence = 0.95

    func apply(to text: String, field: FieldKind) -> String {
        rewriteWhitespaceGaps(in: text) { gap in
            let left = CharacterClass(gap.left)
            let right = CharacterClass(gap.right)
            let joins =
                (left == .digit && right == .digit) || (left == .digit && right == .decimalPoint)
                || (left == .decimalPoint && right == .digit)
            return joins ? "" : nil
        }
    }
}
