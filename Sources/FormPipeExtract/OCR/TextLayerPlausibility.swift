/// Decides whether a cell's text from a scanner's OCR layer can be kept, or the cell must be read
/// again from the image.
///
/// Scanner layers (Tesseract on the whole page, as the corpus's `*.ocr.pdf`) are right where
/// they are right and garbage elsewhere: table rulings read as "|", cells read as "aes", "eee",
/// "FEI", cells lost altogether. Garbage has a signature on these forms, which hold no Latin
/// words at all:
/// - any Latin letter, or a character that no cell of the form prints (`| _ [ ] { } ~ @ # ^ \`);
/// - in a number column, anything but what numbers are written with;
/// - an empty cell: the layer may have lost it; the reader's ink check skips truly empty ones
///   at the cost of one look at their pixels.
package enum TextLayerPlausibility {
    static let garbageCharacters: Set<Character> = Set("|_[]{}~@#^\\¢«»§¥")

    static func isPlausible(_ text: String, kind: CellReadingKind) -> Bool {
        let compact = text.filter { !$0.isWhitespace }
        if compact.isEmpty { return false }
        if compact.unicodeScalars.contains(where: { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }) {
            return false
        }
        if compact.contains(where: garbageCharacters.contains) { return false }
        if kind == .number, !NumericReadingChooser.fits(compact) { return false }
        return true
    }
}
