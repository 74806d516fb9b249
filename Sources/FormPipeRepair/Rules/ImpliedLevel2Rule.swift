import FormPipeDefinition

/// A row that opens a level1 block without a level2 cell: the merged level2+level3 cell of
/// "满意度指标 | 服务对象满意度 | ≥90% | …". The level3 text names the level2
/// ("服务对象满意度" → 服务对象满意度指标), or the level1 has only one level2.
package enum ImpliedLevel2Rule {
    package static let name = "implied-level2"

    package static func level2(level3: String, level1: String, given: LevelFillDown.Levels, layout: IndicatorRowLayout) -> String? {
        guard given.level2.isEmpty, layout.level2 == nil else { return nil }
        if let match = IndicatorVocabulary.match(level3), match.level == .level2,
            IndicatorVocabulary.allows(level2: match.entry, under: level1) || level1.isEmpty
        {
            return match.entry
        }
        let only = IndicatorVocabulary.level2(under: level1)
        return only.count == 1 ? only[0] : nil
    }
}
