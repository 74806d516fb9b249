// Numbers written as text: in messages, manifests, debug dumps and drawings, never through a
// locale.

extension Double {
    /// `2` for 2.0 and `0.05` for 0.05: numbers in messages, free of locale-dependent separators.
    public var plainText: String {
        rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}

/// Two decimals at most, no trailing zeros: debug dumps, manifest notes, the review crops' SVG.
/// Digits are written by hand because `String(Double)` dominated the cost of drawing the crops.
package func formatted(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 9e16 else { return String(value) }
    let hundredths = Int((value * 100).rounded())
    let magnitude = hundredths.magnitude
    var text = hundredths < 0 ? "-" : ""
    text += String(magnitude / 100)
    let fraction = magnitude % 100
    if fraction != 0 {
        text += fraction < 10 ? ".0" : "."
        text += String(fraction % 10 == 0 ? fraction / 10 : fraction)
    }
    return text
}
