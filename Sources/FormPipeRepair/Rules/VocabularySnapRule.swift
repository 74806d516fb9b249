import FormPipeDefinition

/// Snaps a misprinted level1/level2 label to its vocabulary entry. Applied to the level cells of
/// the indicator table (`LevelFillDown`), with a confidence that falls with the edit distance.
struct VocabularySnapRule: Sendable {
    static let name = "vocabulary-snap"
    let level: IndicatorVocabulary.Level

    /// The entry `text` stands for and how sure the snap is (0.95 × similarity); nil when `text`
    /// is no label of this level.
    func snap(_ text: String) -> (entry: String, confidence: Double)? {
        guard let match = IndicatorVocabulary.match(text), match.level == level || IndicatorVocabulary.isBothLevels(match.entry)
        else { return nil }
        return (match.entry, 0.95 * match.similarity)
    }

    func apply(to text: String) -> String {
        snap(text)?.entry ?? text
    }
}
