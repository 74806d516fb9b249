import FormPipeCore
import FormPipeDefinition

/// Reading and writing one record field by its path, with the contract's types enforced.
///
/// The field table lives here, not in the decision code, so `--set`, `--revert` and the
/// re-application after a reconversion all accept exactly the same paths and values.
extension FormRecord {
    /// Where one field lives in the record: its kind and how to read and write it.
    struct FieldSlot {
        var kind: FieldValueKind
        fileprivate var access: Access

        fileprivate enum Access {
            case text(FieldAccessor<String>)
            case optionalText(FieldAccessor<String?>)
            case number(FieldAccessor<PrintedNumber?>)
            case year
            case fixed(FieldAccessor<String>)
        }
    }

    /// Reads and writes one field. A key path into a row (`\.indicators[row].level1`) is built
    /// anew at run time for every `row`, with a metadata look-up each time; review pages ask for
    /// every repaired field's kind, so the row is kept here and the key paths stay argument-free
    /// literals, which the runtime instantiates once.
    fileprivate struct FieldAccessor<Value> {
        let get: (FormRecord) -> Value
        let set: (inout FormRecord, Value) -> Void

        init(_ keyPath: WritableKeyPath<FormRecord, Value>) {
            get = { $0[keyPath: keyPath] }
            set = { $0[keyPath: keyPath] = $1 }
        }

        init(get: @escaping (FormRecord) -> Value, set: @escaping (inout FormRecord, Value) -> Void) {
            self.get = get
            self.set = set
        }

        static func indicator(_ row: Int, _ keyPath: WritableKeyPath<Indicator, Value>) -> Self {
            Self(get: { $0.indicators[row][keyPath: keyPath] }, set: { $0.indicators[row][keyPath: keyPath] = $1 })
        }
    }
}

extension FormRecord.FieldAccessor<String> {
    fileprivate static func fundsItem(_ row: Int) -> Self {
        Self(get: { $0.funds[row].item }, set: { $0.funds[row].item = $1 })
    }
}

extension FormRecord.FieldAccessor<PrintedNumber?> {
    fileprivate static func funds(_ row: Int, _ key: String) -> Self {
        Self(get: { $0.funds[row][numeric: key] }, set: { $0.funds[row][numeric: key] = $1 })
    }
}

extension FormRecord {
    /// The kind of the field at `path`; throws `.unknownField` naming the path when the record
    /// has no such field (a wrong key, or an index past the end of `funds` or `indicators`).
    public func fieldKind(at path: FieldPath) throws(ReviewError) -> FieldValueKind {
        try slot(at: path).kind
    }

    /// The field's current value.
    public func value(at path: FieldPath) throws(ReviewError) -> FieldValue {
        switch try slot(at: path).access {
        case .text(let field): return .text(field.get(self))
        case .optionalText(let field): return field.get(self).map(FieldValue.text) ?? .null
        case .number(let field): return field.get(self).map(FieldValue.number) ?? .null
        case .year: return year.flatMap { PrintedNumber(literal: String($0)) }.map(FieldValue.number) ?? .null
        case .fixed(let field): return .text(field.get(self))
        }
    }

    /// Stores `value` in the field; throws `.wrongType` when the field cannot hold it and
    /// `.fixedField` for a field the contract fixes. The record is unchanged when it throws.
    public mutating func setValue(_ value: FieldValue, at path: FieldPath) throws(ReviewError) {
        let slot = try slot(at: path)
        switch (slot.access, value) {
        case (.text(let field), .text(let text)): field.set(&self, text)
        case (.optionalText(let field), .text(let text)): field.set(&self, text)
        case (.optionalText(let field), .null): field.set(&self, nil)
        case (.number(let field), .number(let number)): field.set(&self, number)
        case (.number(let field), .null): field.set(&self, nil)
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
    package mutating func assign(_ value: FieldValue, at path: FieldPath) throws(ReviewError) {
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
    package mutating func resizeList(_ key: String, to count: Int) {
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
        // Built only when thrown: most calls name a field, and the message costs more than the look-up.
        func unknown() -> ReviewError {
            ReviewError(.unknownField, "\(path) is not a field of the record (\(Self.fieldHint))")
        }
        var keys = path.components.makeIterator()
        guard case .key(let top)? = keys.next() else { throw unknown() }
        switch top {
        case "formType": return FieldSlot(kind: .fixed, access: .fixed(FieldAccessor(\.formType)))
        case "year": return FieldSlot(kind: .integer, access: .year)
        case "projectName": return FieldSlot(kind: .text, access: .text(FieldAccessor(\.projectName)))
        case "department": return FieldSlot(kind: .text, access: .text(FieldAccessor(\.department)))
        case "implementingUnit": return FieldSlot(kind: .text, access: .text(FieldAccessor(\.implementingUnit)))
        case "projectLead": return FieldSlot(kind: .optionalText, access: .optionalText(FieldAccessor(\.projectLead)))
        case "phone": return FieldSlot(kind: .optionalText, access: .optionalText(FieldAccessor(\.phone)))
        case "title": return FieldSlot(kind: .text, access: .text(FieldAccessor(\.title)))
        case "fundsUnit": return FieldSlot(kind: .text, access: .text(FieldAccessor(\.fundsUnit)))
        case "grade": return FieldSlot(kind: .optionalText, access: .optionalText(FieldAccessor(\.grade)))
        case "remarks": return FieldSlot(kind: .optionalText, access: .optionalText(FieldAccessor(\.remarks)))
        case "conclusion": return FieldSlot(kind: .optionalText, access: .optionalText(FieldAccessor(\.conclusion)))
        case "problems": return FieldSlot(kind: .optionalText, access: .optionalText(FieldAccessor(\.problems)))
        case "improvements": return FieldSlot(kind: .optionalText, access: .optionalText(FieldAccessor(\.improvements)))
        case "goals":
            guard case .key(let key)? = keys.next(), keys.next() == nil else { throw unknown() }
            switch key {
            case "expected": return FieldSlot(kind: .text, access: .text(FieldAccessor(\.goals.expected)))
            case "actual": return FieldSlot(kind: .text, access: .text(FieldAccessor(\.goals.actual)))
            default: throw unknown()
            }
        case "total":
            guard case .key(let key)? = keys.next(), keys.next() == nil else { throw unknown() }
            switch key {
            case "weight": return FieldSlot(kind: .number, access: .number(FieldAccessor(\.total.weight)))
            case "score": return FieldSlot(kind: .number, access: .number(FieldAccessor(\.total.score)))
            default: throw unknown()
            }
        case "funds":
            let row = try rowIndex(keys.next(), count: funds.count, list: "funds", path: path)
            guard case .key(let key)? = keys.next(), keys.next() == nil else { throw unknown() }
            if key == "item" { return FieldSlot(kind: .fixed, access: .fixed(.fundsItem(row))) }
            guard FundsRow.numericKeys.contains(key) else { throw unknown() }
            return FieldSlot(kind: .number, access: .number(.funds(row, key)))
        case "indicators":
            let row = try rowIndex(keys.next(), count: indicators.count, list: "indicators", path: path)
            guard case .key(let key)? = keys.next(), keys.next() == nil else { throw unknown() }
            switch key {
            case "level1": return FieldSlot(kind: .text, access: .text(.indicator(row, \.level1)))
            case "level2": return FieldSlot(kind: .text, access: .text(.indicator(row, \.level2)))
            case "level3": return FieldSlot(kind: .text, access: .text(.indicator(row, \.level3)))
            case "target": return FieldSlot(kind: .text, access: .text(.indicator(row, \.target)))
            case "actual": return FieldSlot(kind: .text, access: .text(.indicator(row, \.actual)))
            case "weight": return FieldSlot(kind: .number, access: .number(.indicator(row, \.weight)))
            case "score": return FieldSlot(kind: .number, access: .number(.indicator(row, \.score)))
            case "deviation": return FieldSlot(kind: .optionalText, access: .optionalText(.indicator(row, \.deviation)))
            default: throw unknown()
            }
        default: throw unknown()
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
