import FormPipeLayout

/// One change the pipeline made to what the source printed, for a person to review.
public struct Repair: Sendable, Hashable, Codable {
    /// 1-based form number within the file.
    public var form: Int
    /// Record path such as `funds[0].initialBudget` or `indicators[3].level2`.
    public var field: String
    public var page: Int?
    public var bbox: BoundingBox?
    /// The rule's name, also the name of the file that implements it (`split-number` →
    /// `FormPipeRepair/Rules/SplitNumberRule.swift`).
    public var rule: String
    public var before: String
    public var after: String
    /// How sure the rule is, 0…1.
    public var confidence: Double

    public init(
        form: Int, field: String, page: Int? = nil, bbox: BoundingBox? = nil, rule: String, before: String,
        after: String, confidence: Double
    ) {
        self.form = form
        self.field = field
        self.page = page
        self.bbox = bbox
        self.rule = rule
        self.before = before
        self.after = after
        self.confidence = confidence
    }
}

/// An inconsistency in the form itself. Reported, never "fixed".
public struct Finding: Sendable, Hashable, Codable {
    public var form: Int
    public var rule: String
    public var fields: [String]
    public var message: String

    public init(form: Int, rule: String, fields: [String], message: String) {
        self.form = form
        self.rule = rule
        self.fields = fields
        self.message = message
    }
}
