/// Control characters in a cell — a NUL byte an OCR engine wrote, a stray escape, a byte-order
/// mark in mid-text — are never part of what was printed on the form, and would pass into JSON
/// (`"\u0000…"`) while XML cannot carry them at all. They are removed, and the removal is logged
/// like any other repair. Line feeds (paragraphs) and tabs (whitespace, which later rules settle)
/// stay.
struct ControlCharacterRule: CellTextRule {
    let name = "control-characters"
    let confidence = 0.99

    func apply(to text: String, field: FieldKind) -> String {
        guard text.unicodeScalars.contains(where: Self.isRemoved) else { return text }
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !Self.isRemoved(scalar) { kept.append(scalar) }
        return String(kept)
    }

    /// C0 and C1 controls except line feed and tab; DEL; byte-order marks and the non-characters
    /// U+FFFE/U+FFFF that a wrongly decoded mark leaves.
    static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F, 0xFEFF, 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}
