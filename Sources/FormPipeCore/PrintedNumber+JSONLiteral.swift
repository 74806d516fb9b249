extension PrintedNumber {
    /// `text` as a JSON number literal, or nil when it is not one once mended.
    ///
    /// JSON's grammar is `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`. Leading zeros are the
    /// one thing mended ("007" → "7", "-00" → "-0"): the value is unambiguous. A bare point
    /// (".5", "-.39", "5.") is refused, not guessed at: OCR drops digits before points as often
    /// as it invents points. Swift's `Double(_:)` accepts far more ("0x1p3", "inf", "+5"), so it
    /// cannot be the check — a literal it accepted once reached a record as `-.39`, which no JSON
    /// parser reads (found by the repair fuzz target).
    static func jsonLiteral(_ text: String) -> String? {
        var rest = Substring(text)
        let sign = rest.hasPrefix("-") ? "-" : ""
        rest = rest.dropFirst(sign.count)

        var exponent = ""
        if let marker = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            var digits = rest[rest.index(after: marker)...]
            let exponentSign = digits.first == "+" || digits.first == "-" ? String(digits.first!) : ""
            digits = digits.dropFirst(exponentSign.count)
            guard isDigits(digits) else { return nil }
            exponent = "e" + exponentSign + digits
            rest = rest[..<marker]
        }

        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.allSatisfy(isDigits) else { return nil }
        let whole = parts[0].drop { $0 == "0" }
        let fraction = parts.count == 2 ? "." + parts[1] : ""
        return sign + (whole.isEmpty ? "0" : String(whole)) + fraction + exponent
    }

    private static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}
