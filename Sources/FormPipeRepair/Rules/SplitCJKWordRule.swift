import FormPipeCore

/// Chinese words and units split by a wrap or by OCR spacing: "年初预 算数", "48万 元",
/// "服务对象 满意度标". Chinese puts no spaces between words, so a gap between two CJK
/// characters is damage — except a printed slogan inside quotation marks ("助消费 献爱心"),
/// where the space is the form's own.
struct SplitCJKWordRule: CellTextRule {
    let name = "split-cjk-word"
    let confidence = 0.97

    func apply(to text: String, field: FieldKind) -> String {
        rewriteWhitespaceGaps(in: text) { gap in
            guard CharacterClass(gap.left).isCJK, CharacterClass(gap.right).isCJK else { return nil }
            if !gap.containsLineBreak, Self.isInsideShortQuotation(gap) { return nil }
            return ""
        }
    }

    /// A space between two short quoted phrases (“助消费 献爱心”) separates a slogan's halves.
    private static func isInsideShortQuotation(_ gap: WhitespaceGap) -> Bool {
        // Most gaps have no quotation mark before them; look before building the text around.
        guard gap.hasBefore(where: { $0 == "“" || $0 == "「" || $0 == "\"" }) else { return false }
        let before = gap.before()
        let after = gap.after()
        guard let open = before.lastIndex(where: { $0 == "“" || $0 == "「" || $0 == "\"" }) else { return false }
        let quotedBefore = before[before.index(after: open)...]
        guard !quotedBefore.contains(where: { $0 == "”" || $0 == "」" }) else { return false }
        guard let close = after.firstIndex(where: { $0 == "”" || $0 == "」" || $0 == "\"" }) else { return false }
        let quotedAfter = after[..<close]
        let phrase = quotedBefore + quotedAfter
        return phrase.count <= 16 && quotedBefore.count >= 2 && quotedAfter.count >= 2
            && !phrase.contains(where: { "，。；：".contains($0) })
    }
}
