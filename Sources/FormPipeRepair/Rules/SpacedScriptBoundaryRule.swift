import FormPipeCore

/// Spaces that OCR or wrapping put between Chinese and digits or Latin letters:
/// "12 月底前完成", "全国 31 个省区市", "OA 系统", "121.1599 万". Chinese text sets no
/// space there.
struct SpacedScriptBoundaryRule: CellTextRule {
    let name = "spaced-script-boundary"
    let confidence = 0.95

    func apply(to text: String, field: FieldKind) -> String {
        rewriteWhitespaceGaps(in: text) { gap in
            let left = CharacterClass(gap.left)
            let right = CharacterClass(gap.right)
            let latinOrDigit: (CharacterClass) -> Bool = { $0 == .digit || $0 == .latinLetter || $0 == .decimalPoint }
            return (left.isCJK && latinOrDigit(right)) || (latinOrDigit(left) && right.isCJK) ? "" : nil
        }
    }
}
