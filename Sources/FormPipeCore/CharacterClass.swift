/// How the joining rules see a character next to a space or a line break.
package enum CharacterClass: Equatable {
    case han  // CJK ideographs
    case cjkPunctuation  // ，。：；“”（）、 and full-width forms
    case digit
    case latinLetter
    case decimalPoint
    case other

    package init(_ character: Character) {
        guard let scalar = character.unicodeScalars.first else {
            self = .other
            return
        }
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FA1F:
            self = .han
        case 0x30...0x39, 0xFF10...0xFF19:
            self = .digit
        case 0x41...0x5A, 0x61...0x7A, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
            self = .latinLetter
        case 0x2E:
            self = .decimalPoint
        case 0x3000...0x303F, 0xFF00...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFFEF, 0x2018...0x201F,
            0x2014, 0x2026, 0x00B7:
            self = .cjkPunctuation
        default:
            self = .other
        }
    }

    package var isCJK: Bool { self == .han || self == .cjkPunctuation }
}

extension Character {
    /// Spaces and line breaks that wrapping or OCR leave inside a cell. A paragraph break
    /// ("\n\n") is handled before the joining rules see the text.
    ///
    /// Compared scalar by scalar: no other character is canonically equivalent to any of these
    /// (" ", "\n", "\t", "\r", "\r\n", U+3000, U+00A0), and a `==` on characters costs a string
    /// comparison for every CJK character of every cell.
    package var isCellWhitespace: Bool {
        var scalars = unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return false }
        let second = scalars.next()
        switch first {
        case " ", "\n", "\t", "\u{3000}", "\u{00A0}": return second == nil
        case "\r": return second == nil || (second == "\n" && scalars.next() == nil)
        default: return false
        }
    }
}
