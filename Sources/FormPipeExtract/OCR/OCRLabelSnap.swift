import FormPipeCore
import FormPipeDefinition

/// A cell that OCR read as one of the form's fixed labels with an ideograph or two wrong
/// ("项目药称", "主镑部门", "项目负丙人") is that label.
///
/// Labels are what finds a form and its fields: a blurred 150 dpi scan that loses one stroke of
/// "名" would otherwise lose the whole form ("no form found"). Only a reading of the label's own
/// length, differing in at most one character in four (one for 4–7 characters, two from 8), is
/// snapped, and only when exactly one known word is that close. Known words are the labels and
/// the indicator vocabulary, whose entries are printed in cells too: "时效指标" is one ideograph
/// from the label "绩效指标" and must stay what it is. Two- and three-character labels ("分值",
/// "得分", "总分") are too short to tell a misreading from another word and are left alone.
package enum OCRLabelSnap {
    /// The fixed label `text` is a misreading of, or nil.
    static func label(for text: String) -> String? {
        let compacted = Array(LabelText.compact(text))
        guard compacted.count >= 4, !knownWords.contains(String(compacted)) else { return nil }
        let allowed = compacted.count >= 8 ? 2 : 1
        var found: String?
        for word in knownWords {
            let characters = Array(word)
            guard characters.count == compacted.count else { continue }
            let differences = zip(characters, compacted).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
            guard differences <= allowed else { continue }
            if found != nil { return nil }
            found = word
        }
        guard let found, LabelText.fixedLabels.contains(found) else { return nil }
        return found
    }

    private static let knownWords = LabelText.fixedLabels.union(IndicatorVocabulary.level1)
        .union(IndicatorVocabulary.level2)
}
