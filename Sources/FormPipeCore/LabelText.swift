/// Label matching that ignores the damage labels suffer (spaces, wraps, tags, full-width
/// parentheses), so "年初预 算数" and "项目资金 ( 万元 )" are found.
package enum LabelText {
    /// `text` without markup (`<…>`) and cell whitespace, with full-width （ ） ： as ( ) :.
    ///
    /// Called for nearly every cell, several times, so the common case — every scalar its own
    /// character, as in CJK, ASCII and their punctuation — goes scalar by scalar, which gives the
    /// same result as walking characters; any other text walks characters.
    package static func compact(_ text: String) -> String {
        compactScalars(text) ?? compactCharacters(text)
    }

    package static func compactCharacters(_ text: String) -> String {
        var output = ""
        var insideTag = false
        for character in text {
            if character == "<" { insideTag = true; continue }
            if character == ">" && insideTag { insideTag = false; continue }
            if insideTag || character.isCellWhitespace { continue }
            if character.unicodeScalars.allSatisfy(ControlCharacters.isRemoved) { continue }
            switch character {
            case "（": output.append("(")
            case "）": output.append(")")
            case "：": output.append(":")
            default: output.append(character)
            }
        }
        return output
    }

    /// ``compactCharacters(_:)`` for text whose scalars each stand alone; nil for other text.
    /// "\r\n" is one character but two scalars: both ways drop it as whitespace.
    package static func compactScalars(_ text: String) -> String? {
        // Most cells are already compact (no space, tag, control or full-width （ ） ：): one
        // pass that allocates nothing tells, and the text itself is the answer.
        var isCompact = true
        for scalar in text.unicodeScalars {
            guard standsAlone(scalar) else { return nil }
            if isCompact, changesWhenCompacted(scalar) { isCompact = false }
        }
        if isCompact { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var insideTag = false
        for scalar in text.unicodeScalars {
            guard standsAlone(scalar) else { return nil }
            switch scalar {
            case "<": insideTag = true
            case ">" where insideTag: insideTag = false
            case _ where insideTag: break
            case " ", "\n", "\t", "\r", "\u{3000}", "\u{00A0}": break
            // Control characters (a NUL inside 联系电话) must not hide a label: the value's repair logs them.
            case _ where ControlCharacters.isRemoved(scalar): break
            case "（": bytes.append(UInt8(ascii: "("))
            case "）": bytes.append(UInt8(ascii: ")"))
            case "：": bytes.append(UInt8(ascii: ":"))
            default: appendUTF8(scalar, to: &bytes)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Scalars the loop of ``compactScalars(_:)`` drops or replaces wherever they stand; ">"
    /// only closes a tag that "<" opened, so "<" decides for both.
    private static func changesWhenCompacted(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "<", " ", "\n", "\t", "\r", "\u{3000}", "\u{00A0}", "（", "）", "：": true
        default: ControlCharacters.isRemoved(scalar)
        }
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case ..<0x80:
            bytes.append(UInt8(value))
        case ..<0x800:
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case ..<0x10000:
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }

    /// Scalars that never join a neighbour from this set into one character (grapheme cluster
    /// break Other, Control, CR or LF: no combining marks, joiners, variation selectors, Hangul
    /// jamo or regional indicators). Latin-1, general punctuation, letter-like symbols, arrows,
    /// mathematical operators, enclosed numbers, CJK punctuation without its tone marks, kana,
    /// CJK ideographs, full-width forms. RepairRuleTests checks each one.
    package static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0xFF, 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x3000...0x3029, 0x3030...0x303F, 0xFF01...0xFF65,
            0xFFE0...0xFFEE, 0x2010...0x2027, 0x2030...0x205E, 0x2100...0x22FF, 0x2460...0x24FF, 0x3041...0x3096,
            0x30A0...0x30FF, 0xF900...0xFAFF:
            true
        default:
            false
        }
    }

    /// A label as the definition writes it: ``compact(_:)``, then full-width letters and digits
    /// half-width, without a trailing colon, "(50分)" points or a trailing "等".
    package static func normalized(_ text: String) -> String {
        var label = halfWidth(compact(text))
        if label.hasPrefix("其中:") { label.removeFirst(3) } else if label.hasPrefix("其中") && label.count > 4 { label.removeFirst(2) }
        while let last = label.last, last == ":" || last == "等" { label.removeLast() }
        if label.hasSuffix("分)"), let open = label.lastIndex(of: "("),
            label[label.index(after: open)..<label.index(label.endIndex, offsetBy: -2)].allSatisfy({ $0.isNumber || $0 == "." }),
            open > label.startIndex
        {
            label = String(label[..<open])
        }
        return label
    }

    /// Full-width letters, digits and punctuation (U+FF01–FF5E) as their ASCII twins.
    ///
    /// Most labels hold none; they are returned as they are, because rebuilding a string scalar
    /// by scalar is what made this the costliest step of reading a form's labels (a quarter of the
    /// `html` fuzz target's time).
    static func halfWidth(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isFullWidthASCII) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isFullWidthASCII(scalar) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar)
        }
        return String(scalars)
    }

    private static func isFullWidthASCII(_ scalar: Unicode.Scalar) -> Bool {
        (0xFF01...0xFF5E).contains(scalar.value)
    }

    /// Whether the cell prints `label` (as the definition writes it), however damaged or decorated.
    package static func isLabel(_ text: String, _ label: String) -> Bool {
        // Called for every cell of every row: most cells are values, far longer or shorter than
        // any decoration (colons, "(50分)", "等", "其中:") would make the label.
        let compacted = compact(text)
        if compacted == label { return true }
        guard compacted.count > label.count, compacted.count <= label.count + 8 else { return false }
        return normalized(compacted) == label
    }
}
