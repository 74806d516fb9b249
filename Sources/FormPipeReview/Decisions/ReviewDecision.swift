import FormPipeCore
import FormPipeDefinition
import FormPipeRecord
import FormPipeEmit

/// One thing a reviewer decided about a document, as `review.json` keeps it.
///
/// A `set` and a `revert` both store the value they put in the field, so applying a decision
/// never depends on anything but the decision itself: after a reconversion the repair it reverted
/// may carry another id, but the printed text it put back is still in `value`.
public struct ReviewDecision: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        /// The reviewer typed a value for a field.
        case set
        /// The reviewer put back what the form printed before a repair.
        case revert
        /// The reviewer checked the field and found the converter's value right; it is kept as a
        /// value like `set`, so a reconversion that read the field otherwise does not undo the check.
        case confirm
        /// The reviewer marked the whole document reviewed.
        case accept
    }

    /// `D1`, `D2`, … in the order the decisions were made.
    public var id: String
    public var action: Action
    /// 1-based form number; nil for `accept`.
    public var form: Int?
    public var field: FieldPath?
    /// The value the decision puts in the field.
    public var value: FieldValue?
    /// The field's value just before the decision, for the repair log's `before`.
    public var previous: FieldValue?
    /// The repair a `revert` undid (`R17`).
    public var repair: String?
    /// `$USER` of the reviewer.
    public var who: String
    /// ISO-8601 time of the decision.
    public var when: String
    /// Why the decision could not be applied to the latest conversion, if it could not.
    public var problem: String?

    public init(
        id: String, action: Action, form: Int? = nil, field: FieldPath? = nil, value: FieldValue? = nil,
        previous: FieldValue? = nil, repair: String? = nil, who: String, when: String
    ) {
        self.id = id
        self.action = action
        self.form = form
        self.field = field
        self.value = value
        self.previous = previous
        self.repair = repair
        self.who = who
        self.when = when
    }

    /// Whether the decision changes a field (`set`, `revert`) rather than the document's status.
    public var changesField: Bool { action != .accept }

    /// The `form-NN` name of the decision's form.
    public var formName: String? { form.map { FormFileName.stem(form: $0) } }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("id", .string(id)), ("action", .string(action.rawValue))]
        if let form { members.append(("form", .number(form))) }
        if let field { members.append(("field", .string(field.description))) }
        if let repair { members.append(("repair", .string(repair))) }
        if let value { members.append(("value", value.json)) }
        if let previous { members.append(("previous", previous.json)) }
        members += [("who", .string(who)), ("when", .string(when))]
        if let problem { members.append(("problem", .string(problem))) }
        return .object(members)
    }

    public init(json: JSONValue) throws(ReviewError) {
        guard let id = json["id"]?.stringValue, let action = json["action"]?.stringValue.flatMap(Action.init(rawValue:))
        else { throw ReviewError(.unreadableOutput, "review.json has a decision without an id or a known action") }
        self.id = id
        self.action = action
        form = json["form"]?.intValue
        field = json["field"]?.stringValue.flatMap(FieldPath.init(parsing:))
        repair = json["repair"]?.stringValue
        value = json["value"].flatMap(FieldValue.init(json:))
        previous = json["previous"].flatMap(FieldValue.init(json:))
        who = json["who"]?.stringValue ?? "unknown"
        when = json["when"]?.stringValue ?? ""
        problem = json["problem"]?.stringValue
        if action != .accept, form == nil || field == nil || value == nil {
            throw ReviewError(.unreadableOutput, "review.json decision \(id) lacks its form, field or value")
        }
    }
}
