import Foundation

/// OCR text carries HTML fragments (`<p>…</p>`, `<br>`, `&nbsp;`) from the engine's table
/// output. Tags go; `<p>` and `<br/>` become paragraph and line breaks; entities decode.
struct HTMLTagRule: CellTextRule {
    let name = "html-tags"
    let confidence = 0.99

    private static let entities: [String: String] = [
        "&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&apos;": "'",
        "&ensp;": " ", "&emsp;": " ",
    ]

    func apply(to text: String, field: FieldKind) -> String {
        // Most cells hold neither byte; Foundation's search, which decides the rest, is slow.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }),
            text.contains("<") || text.contains("&")
        else { return text }
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            output += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">"), let tag = Self.tagName(rest[open...close]) else {
                output.append("<")
                rest = rest[rest.index(after: open)...]
                continue
            }
            switch tag {
            case "p", "/p", "div", "/div": output += "\n\n"
            case "br": output += "\n"
            default: break
            }
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        for (entity, replacement) in Self.entities where output.utf8.contains(UInt8(ascii: "&")) && output.contains(entity) {
            output = output.replacingOccurrences(of: entity, with: replacement)
        }
        return Self.collapseParagraphBreaks(output)
    }

    /// The lower-cased name of a well-formed tag such as `<p>`, `</p>`, `<br/>`, `<span class=x>`;
    /// nil for text that only looks like one ("<5万元").
    private static func tagName(_ candidate: Substring) -> String? {
        var inner = candidate.dropFirst().dropLast()
        let closing = inner.hasPrefix("/")
        if closing { inner = inner.dropFirst() }
        let name = inner.prefix { $0.isASCII && $0.isLetter || $0.isNumber }
        guard !name.isEmpty, name.count <= 10, name.first!.isLetter else { return nil }
        let remainder = inner.dropFirst(name.count)
        guard remainder.isEmpty || remainder.first == " " || remainder.first == "/" else { return nil }
        return (closing ? "/" : "") + name.lowercased()
    }

    /// `</p> <p>` leaves "\n\n \n\n": one paragraph break is what it means.
    private static func collapseParagraphBreaks(_ text: String) -> String {
        guard text.contains("\n\n") else { return text }
        var paragraphs: [String] = []
        for part in text.components(separatedBy: "\n\n") {
            if part.allSatisfy(\.isCellWhitespace) { continue }
            paragraphs.append(part)
        }
        return paragraphs.joined(separator: "\n\n")
    }
}
