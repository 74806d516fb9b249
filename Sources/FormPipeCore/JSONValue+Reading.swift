/// Typed looks into a parsed `JSONValue`, for readers that know the shape they expect.
extension JSONValue {
    /// The member named `key` of an object; nil for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number's literal digits as written.
    public var numberLiteral: String? {
        if case .number(let literal) = self { return literal }
        return nil
    }

    public var intValue: Int? { numberLiteral.flatMap { Int($0) } }

    public var doubleValue: Double? { numberLiteral.flatMap { Double($0) } }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
