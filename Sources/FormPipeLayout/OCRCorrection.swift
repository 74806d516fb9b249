/// A reading the OCR stage chose over Tesseract's first choice because it fits the column, to
/// be logged as a repair by the record stage (which knows the field's record path).
///
/// The extractor attaches these to the `TableCell` whose text they changed; `before` is the
/// cell's text as Tesseract's best path read it, `after` the text the cell now holds.
public struct OCRCorrection: Sendable, Hashable {
    /// The repair rule's name, as in `repairs.jsonl` (`ocr-numeric-choice`).
    public var rule: String
    public var before: String
    public var after: String
    /// Tesseract's confidence (0…1) in the alternative that was chosen.
    public var confidence: Double

    public init(rule: String, before: String, after: String, confidence: Double) {
        self.rule = rule
        self.before = before
        self.after = after
        self.confidence = confidence
    }
}
