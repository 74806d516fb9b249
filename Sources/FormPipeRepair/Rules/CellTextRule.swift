/// A repair that rewrites the text of one cell. Each rule is named after the damage it fixes;
/// the name goes into the repair log and matches the rule's file name.
protocol CellTextRule: Sendable {
    /// The name in `repairs.jsonl`, e.g. `split-number`.
    var name: String { get }
    /// How sure the rule is when it fires (0…1).
    var confidence: Double { get }
    /// Returns the repaired text, or the same text when the rule does not apply.
    func apply(to text: String, field: FieldKind) -> String
}

/// What a cell holds, for rules that behave differently in numbers, labels and prose.
package enum FieldKind: Sendable, Equatable {
    /// A long text whose paragraphs survive as "\n" (the goal cells).
    case paragraphs
    /// A short text value: names, indicator texts, target and actual values.
    case text
    /// A number cell of the funds block or a weight/score.
    case number
}
