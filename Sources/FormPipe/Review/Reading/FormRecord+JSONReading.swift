/// A record read back from its `form-NN.json`, the inverse of `FormRecord.json`.
///
/// Review re-emits a document's files from records it reads back, so this must lose nothing the
/// writer wrote: numbers keep their printed digits (`PrintedNumber(literal:)`), null stays null.
/// Keys the contract does not know are ignored; a known key with the wrong type is an error
/// naming its path, because writing the record back would silently drop that value.
extension FormRecord {
    public struct JSONShapeError: Error, Sendable, CustomStringConvertible {
        /// Record path of the offending value (`funds[2].executed`).
        public var path: String
        public var reason: String
        public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }
    }

    public init(json: JSONValue) throws(JSONShapeError) {
        self.init()
        guard case .object = json else { throw JSONShapeError(path: "", reason: "the record is not a JSON object") }
        formType = try Self.text(json, "formType") ?? FormRecord.formTypeName
        if let year = json["year"], !year.isNull {
            guard let value = year.intValue else { throw JSONShapeError(path: "year", reason: "expected an integer") }
            self.year = value
        }
        projectName = try Self.text(json, "projectName") ?? ""
        department = try Self.text(json, "department") ?? ""
        implementingUnit = try Self.text(json, "implementingUnit") ?? ""
        projectLead = try Self.text(json, "projectLead")
        phone = try Self.text(json, "phone")
        if let rows = try Self.list(json, "funds") {
            funds = try rows.enumerated().map { (index, row) throws(JSONShapeError) in
                try Self.fundsRow(row, path: "funds[\(index)]")
            }
        }
        if let goals = json["goals"] {
            self.goals = Goals(
                expected: try Self.text(goals, "expected", in: "goals") ?? "",
                actual: try Self.text(goals, "actual", in: "goals") ?? "")
        }
        if let rows = try Self.list(json, "indicators") {
            indicators = try rows.enumerated().map { (index, row) throws(JSONShapeError) in
                try Self.indicator(row, path: "indicators[\(index)]")
            }
        }
        if let total = json["total"] {
            self.total = TotalRow(
                weight: try Self.number(total, "weight", in: "total"),
                score: try Self.number(total, "score", in: "total"))
        }
    }

    private static func fundsRow(_ json: JSONValue, path: String) throws(JSONShapeError) -> FundsRow {
        var row = FundsRow(item: try text(json, "item", in: path) ?? "")
        for key in FundsRow.numericKeys {
            row[numeric: key] = try number(json, key, in: path)
        }
        return row
    }

    private static func indicator(_ json: JSONValue, path: String) throws(JSONShapeError) -> Indicator {
        Indicator(
            level1: try text(json, "level1", in: path) ?? "", level2: try text(json, "level2", in: path) ?? "",
            level3: try text(json, "level3", in: path) ?? "", target: try text(json, "target", in: path) ?? "",
            actual: try text(json, "actual", in: path) ?? "", weight: try number(json, "weight", in: path),
            score: try number(json, "score", in: path), deviation: try text(json, "deviation", in: path))
    }

    /// A string member; nil when missing or null.
    private static func text(_ json: JSONValue, _ key: String, in parent: String = "") throws(JSONShapeError) -> String?
    {
        guard let value = json[key], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw JSONShapeError(path: join(parent, key), reason: "expected a string")
        }
        return text
    }

    /// A number member with its printed digits; nil when missing or null.
    private static func number(_ json: JSONValue, _ key: String, in parent: String) throws(JSONShapeError)
        -> PrintedNumber?
    {
        guard let value = json[key], !value.isNull else { return nil }
        guard let literal = value.numberLiteral, let number = PrintedNumber(literal: literal) else {
            throw JSONShapeError(path: join(parent, key), reason: "expected a number")
        }
        return number
    }

    private static func list(_ json: JSONValue, _ key: String) throws(JSONShapeError) -> [JSONValue]? {
        guard let value = json[key], !value.isNull else { return nil }
        guard let values = value.arrayValue else { throw JSONShapeError(path: key, reason: "expected an array") }
        return values
    }

    private static func join(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }
}
