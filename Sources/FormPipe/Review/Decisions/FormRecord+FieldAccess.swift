import FormPipeCore
import FormPipeDefinition

/// Reading and writing one record field by its path, with the contract's types enforced.
///
/// The field table lives here, not in the decision code, so `--set`, `--revert` and the
/// re-application after a reconversion all accept exactly the same paths and values.
extension FormRecord {
    /// Where one field lives in the record: its kind and a key path to it.
    struct FieldSlot {
        var kind: FieldValueKind
        fileprivate var access: Access

        fileprivate enum Access {
            case text(WritableKeyPath<FormRecord, String>)
            case optionalText(WritableKeyPath<FormRecord, String?>)
            case number(WritableKeyPath<FormRecord, PrintedNumber?>)
            case year
            case fixed(KeyPath<FormRecord, String>)
        }
    }

    /// The kind of the field at `path`; throws `.unknownField` naming the path when the record
    /// has no such field (a wrong key, or an index past the end of `funds` or `indicators`).
    public func fieldKind(at path: FieldPath) throws(ReviewError) -> FieldValueKind {
        try slot(at: path).kind
    }

    /// The field's current value.
    public func value(at path: FieldPath) throws(ReviewError) -> FieldValue {
        switch try slot(at: path).access {
        case .text(let keyPath): return .text(self[keyPath: keyPath])
        case .optionalText(let keyPath): return self[keyPath: keyPath].map(FieldValue.text) ?? .null
        case .number(let keyPath): return self[keyPath: keyPath].map(FieldValue.number) ?? .null
        case .year: return year.flatMap { PrintedNumber(literal: String($0)) }.map(FieldValue.number) ?? .null
        case .fixed(let keyPath): return .text(self[keyPath: keyPath])
        }
    }

    /// Stores `value` in the field; throws `.wrongType` when the field cannot hold it and
    /// `.fixedField` for a field the contract fixes. The record is unchanged when it throws.
    public mutating func setValue(_ value: FieldValue, at path: FieldPath) throws(ReviewError) {
        let slot = try slot(at: path)
        switch (slot.access, value) {
        case (.text(let keyPath), .text(let text)): self[keyPath: keyPath] = text
        case (.optionalText(let keyPath), .text(let text)): self[keyPath: keyPath] = text
        case (.optionalText(let keyPath), .null): self[keyPath: keyPath] = nil
        case (.number(let keyPath), .number(let number)): self[keyPath: keyPath] = number
        case (.number(let keyPath), .null): self[keyPath: keyPath] = nil
        case (.year, .number(let number)) where Int(number.literal) != nil: year = Int(number.literal)
        case (.year, .null): year = nil
        case (.fixed, _):
            throw ReviewError(.fixedField, "\(path) cannot be changed: the record format fixes it")
        default:
            throw ReviewError(.wrongType, "\(path) takes \(slot.kind.expectation), not \(value)")
        }
    }

    /// Stores `value` whatever the field's kind, fixed fields included: for readers that rebuild
    /// a record the pipeline wrote (`init(json:)`), not for reviewers.
    mutating func assign(_ value: FieldValue, at path: FieldPath) throws(ReviewError) {
        let slot = try slot(at: path)
        switch (slot.access, value) {
        case (.fixed, .text(let text)):
            if case .key("funds")? = path.components.first, case .index(let row)? = path.components.dropFirst().first {
                funds[row].item = text
            } else {
                formType = text
            }
        default: try setValue(value, at: path)
        }
    }

    /// Makes the list `key` hold `count` rows, for readers that fill it row by row.
    mutating func resizeList(_ key: String, to count: Int) {
        switch key {
        case "funds":
            while funds.count > count { funds.removeLast() }
            while funds.count < count { funds.append(FundsRow(item: "")) }
        case "indicators":
            while indicators.count > count { indicators.removeLast() }
            while indicators.count < count { indicators.append(Indicator()) }
        default: break
        }
    }

    /// How many rows the list `key` holds.
    func listCount(_ key: String) -> Int {
        switch key {
        case "funds": funds.count
        case "indicators": indicators.count
        default: 0
        }
    }

    func slot(at path: FieldPath) throws(ReviewError) -> FieldSlot {
        let unknown = ReviewError(.unknownField, "\(path) is not a field of the record (\(Self.fieldHint))")
        var keys = path.components.makeIterator()
        guard case .key(let top)? = keys.next() else { throw unknown }
        switch top {
        case "formType": return FieldSlot(kind: .fixed, access: .fixed(\.formType))
        case "year": return FieldSlot(kind: .integer, access: .year)
        case "projectName": return FieldSlot(kind: .text, access: .text(\.projectName))
        case "department": return FieldSlot(kind: .text, access: .text(\.department))
        case "implementingUnit": return FieldSlot(kind: .text, access: .text(\.implementingUnit))
        case "projectLead": return FieldSlot(kind: .optionalText, access: .optionalText(\.projectLead))
        case "phone": return FieldSlot(kind: .optionalText, access: .optionalText(\.phone))
        case "title": return FieldSlot(kind: .text, access: .text(\.title))
        case "fundsUnit": return FieldSlot(kind: .text, access: .text(\.fundsUnit))
        case "grade": return FieldSlot(kind: .optionalText, access: .optionalText(\.grade))
        case "remarks": return FieldSlot(kind: .optionalText, access: .optionalText(\.remarks))
        case "conclusion": return FieldSlot(kind: .optionalText, access: .optionalText(\.conclusion))
        case "problems": return FieldSlot(kind: .optionalText, access: .optionalText(\.problems))
        case "improvements": return FieldSlot(kind: .optionalText, access: .optionalText(\.improvements))
        case "goals":
            guard case .key(let key)? = keys.next(), keys.next() == nil else { throw unknown }
            switch key {
            case "expected": return FieldSlot(kind: .text, access: .text(\.goals.expected))
            case "actual": return FieldSlot(kind: .text, access: .text(\.goals.actual))
            default: throw unknown
            }
        case "total":
            guard case .key(let key)? = keys.next(), keys.next() == nil else { throw unknown }
            switch key {
            case "weight": return FieldSlot(kind: .number, access: .number(\.total.weight))
            case "score": return FieldSlot(kind: .number, access: .number(\.total.score))
            default: throw unknown
            }
        case "funds":
            let row = try rowIndex(keys.next(), count: funds.count, list: "funds", path: path)
            guard case .key(let key)? = keys.next(), keys.next() == nil else { throw unknown }
            if key == "item" { return FieldSlot(kind: .fixed, access: .fixed(\.funds[row].item)) }
            guard FundsRow.numericKeys.contains(key) else { throw unknown }
            return FieldSlot(kind: .number, access: .number(\.funds[row][numeric: key]))
        case "indicators":
            let row = try rowIndex(keys.next(), count: indicators.count, list: "indicators", path: path)
            guard case .key(let key)? = keys.next(), keys.next() == nil else { throw unknown }
            switch key {
            case "level1": return FieldSlot(kind: .text, access: .text(\.indicators[row].level1))
            case "level2": return FieldSlot(kind: .text, access: .text(\.indicators[row].level2))
            case "level3": return FieldSlot(kind: .text, access: .text(\.indicators[row].level3))
            case "target": return FieldSlot(kind: .text, access: .text(\.indicators[row].target))
            case "actual": return FieldSlot(kind: .text, access: .text(\.indicators[row].actual))
            case "weight": return FieldSlot(kind: .number, access: .number(\.indicators[row].weight))
            case "score": return FieldSlot(kind: .number, access: .number(\.indicators[row].score))
            case "deviation": return FieldSlot(kind: .optionalText, access: .optionalText(\.indicators[row].deviation))
            default: throw unknown
            }
        default: throw unknown
        }
    }

    private func rowIndex(_ component: FieldPath.Component?, count: Int, list: String, path: FieldPath)
        throws(ReviewError)
        -> Int
    {
        guard case .index(let index)? = component else {
            throw ReviewError(.unknownField, "\(path) names no row: write \(list)[n] with n from 0 to \(count - 1)")
        }
        guard index < count else {
            throw ReviewError(
                .unknownField, "\(path) is past the end: this form has \(count) \(list) rows, [0] to [\(count - 1)]")
        }
        return index
    }

    private static let fieldHint = "fields are " + FormDefinition.selfEvaluation.fieldHint
}
