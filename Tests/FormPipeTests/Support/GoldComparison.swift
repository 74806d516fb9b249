import Foundation

/// Field-by-field comparison of a produced record with its gold record, as the corpus README
/// describes: every leaf of the gold (strings exact, numbers by value, null as null), indicator
/// rows by position (a missing or extra row counts each of its fields as wrong), and level3
/// compared without its "指标1:" numbering prefix.
struct GoldComparison {
    private(set) var fields = 0
    private(set) var matched = 0
    private(set) var mismatches: [String] = []

    var accuracy: Double { fields == 0 ? 0 : Double(matched) / Double(fields) }

    /// Adds another comparison's counts, for totals over several files.
    mutating func add(_ other: GoldComparison) {
        fields += other.fields
        matched += other.matched
        mismatches += other.mismatches
    }

    mutating func compare(produced: Any?, gold: Any, label: String) {
        let goldLeaves = Self.leaves(gold)
        let producedLeaves = produced.map(Self.leaves) ?? [:]
        var keys = Set(goldLeaves.keys)
        keys.formUnion(producedLeaves.keys.filter { $0.hasPrefix("indicators[") })
        for key in keys.sorted() {
            fields += 1
            let expected = goldLeaves[key]
            let actual = producedLeaves[key]
            if Self.same(expected, actual, key: key) {
                matched += 1
            } else {
                mismatches.append("\(label) \(key): gold \(Self.show(expected)) ≠ \(Self.show(actual))")
            }
        }
    }

    private static func leaves(_ value: Any) -> [String: Any] {
        var result: [String: Any] = [:]
        func walk(_ value: Any, _ path: String) {
            if let object = value as? [String: Any] {
                for (key, child) in object { walk(child, path.isEmpty ? key : "\(path).\(key)") }
            } else if let array = value as? [Any] {
                for (index, child) in array.enumerated() { walk(child, "\(path)[\(index)]") }
            } else {
                result[path] = value
            }
        }
        walk(value, "")
        return result
    }

    private static func same(_ a: Any?, _ b: Any?, key: String) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (is NSNull, is NSNull): return true
        case (let x as String, let y as String):
            return key.hasSuffix("level3") ? withoutNumbering(x) == withoutNumbering(y) : x == y
        case (let x as NSNumber, let y as NSNumber):
            return abs(x.doubleValue - y.doubleValue) < 1e-9
        default: return false
        }
    }

    private static func withoutNumbering(_ text: String) -> String {
        guard text.hasPrefix("指标") else { return text }
        var rest = text.dropFirst(2)
        guard rest.first?.isNumber == true else { return text }
        while rest.first?.isNumber == true { rest = rest.dropFirst() }
        if let first = rest.first, ":：.、".contains(first) { rest = rest.dropFirst() }
        return String(rest)
    }

    private static func show(_ value: Any?) -> String {
        switch value {
        case nil: return "<missing>"
        case is NSNull: return "null"
        case let string as String: return "\"\(string.prefix(40))\""
        case let other?: return "\(other)"
        }
    }
}
