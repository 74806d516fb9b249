import FormPipeCore

/// Control characters in a cell — a NUL byte an OCR engine wrote, a stray escape, a byte-order
/// mark in mid-text — are never part of what was printed on the form, and would pass into JSON
/// (`"\u0000…"`) while XML cannot carry them at all. They are removed, and the removal is logged
/// like any other repair. Line feeds (paragraphs) and tabs (whitespace, which later rules settle)
/// stay.
struct ControlCharacterRule: CellTextRule {
    let name = "control-characters"
    let confidence = 0.99

    func apply(to text: String, field: FieldKind) -> String {
        guard text.unicodeScalars.contains(where: ControlCharacters.isRemoved) else { return text }
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !ControlCharacters.isRemoved(scalar) { kept.append(scalar) }
        return String(kept)
    }
}
