/// A number as the form printed it: the value for arithmetic, the digits for output.
///
/// The contract keeps printed digits ("587.049060" keeps its trailing zero), which a `Double`
/// would lose, so emitters write `literal` verbatim as a JSON number.
public struct PrintedNumber: Sendable, Hashable, CustomStringConvertible {
    /// A JSON-number literal: optional "-", digits, optional "." and digits.
    public let literal: String
    public let value: Double

    /// Parses text that is only a number once spaces are removed, with an optional trailing "%"
    /// and full-width digits; returns nil for anything else ("—", "", "约5").
    public init?(parsing text: String) {
        var digits = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x2E, 0x2D: digits.unicodeScalars.append(scalar)
            case 0xFF10...0xFF19: digits.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0E: digits.append(".")
            case 0x20, 0x09, 0x0A, 0x3000: continue
            case 0x25, 0xFF05: continue  // "%": the record keeps percents as numbers
            default: return nil
            }
        }
        self.init(literal: digits)
    }

    public init?(literal: String) {
        guard let literal = Self.jsonLiteral(literal), let value = Double(literal), value.isFinite else { return nil }
        self.literal = literal
        self.value = value
    }

    public init(_ value: Double) {
        self.value = value
        self.literal = value.plainText
    }

    public var description: String { literal }
}
