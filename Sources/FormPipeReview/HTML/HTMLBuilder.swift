import FormPipeRecord
/// Writes HTML with every piece of text and every attribute value escaped, so a cell that
/// holds `<p>` or `"` (OCR output often does) shows as text and cannot break the page.
///
/// Only the tag and attribute names, which are literals in our code, go in unescaped.
struct HTMLBuilder {
    private(set) var html = ""

    /// An attribute list; a nil value leaves the attribute out.
    typealias Attributes = KeyValuePairs<String, String?>

    // Appends piece by piece: string interpolation builds a temporary string per tag, which
    // showed in the profile of a batch conversion.
    mutating func open(_ tag: StaticString, _ attributes: Attributes = [:]) {
        html.append("<")
        append(tag)
        for (name, value) in attributes {
            guard let value else { continue }
            html.append(" ")
            html.append(name)
            html.append("=\"")
            html.append(Self.escape(value))
            html.append("\"")
        }
        html.append(">")
    }

    mutating func close(_ tag: StaticString) {
        html.append("</")
        append(tag)
        html.append(">")
    }

    private mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { html.append(String(decoding: $0, as: UTF8.self)) }
    }

    /// `<tag …>text</tag>`
    mutating func element(_ tag: StaticString, _ attributes: Attributes = [:], text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// `<tag …>` … `</tag>` around what `body` writes.
    mutating func element(_ tag: StaticString, _ attributes: Attributes = [:], body: (inout HTMLBuilder) -> Void) {
        open(tag, attributes)
        body(&self)
        close(tag)
    }

    /// A tag with no content and no closing tag (`<img>`, `<meta>`, `<br>`).
    mutating func void(_ tag: StaticString, _ attributes: Attributes = [:]) {
        open(tag, attributes)
    }

    mutating func text(_ text: String) {
        html.append(Self.escape(text))
    }

    /// Markup written by our own code (the style sheet, the doctype); never data.
    mutating func trusted(_ markup: StaticString) {
        append(markup)
    }

    /// Inserts the HTML another builder produced.
    mutating func append(_ other: HTMLBuilder) {
        html += other.html
    }

    /// Escapes `& < > " '` and drops characters HTML forbids (C0 controls but tab and newline).
    static func escape(_ text: String) -> String {
        // Most text, and every embedded crop (a long base64 data URL), needs nothing escaped.
        if isPlain(text) { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\t", "\n": output.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value): continue
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// True when ``escape(_:)`` changes nothing: no `& < > " '`, DEL or C1 control (C2 80–9F in
    /// UTF-8), and no C0 control but tab and newline.
    private static func isPlain(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isPlain) ?? Array(text.utf8).withUnsafeBufferPointer(isPlain)
    }

    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var afterC2 = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x7F:
                return false
            case 0x09, 0x0A: break
            case ..<0x20: return false
            case 0x80...0x9F where afterC2: return false
            default: break
            }
            afterC2 = byte == 0xC2
        }
        return true
    }

    /// A fragment identifier for a record field of a form: `f1-funds-0-executed`.
    static func anchor(form: Int, field: String) -> String {
        FieldPath.identifier(prefix: "f\(form)-", field: field)
    }

    /// A percent-encoded relative URL for a path inside the outbox (folder names may hold CJK,
    /// spaces, `#` or `?`, which would otherwise end or change the URL).
    static func relativeURL(_ components: String...) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        return components.map { component in
            var encoded = ""
            for byte in component.utf8 {
                if allowed.contains(byte) {
                    encoded.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    let hex = String(byte, radix: 16, uppercase: true)
                    encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
                }
            }
            return encoded
        }.joined(separator: "/")
    }

    /// A whole page: doctype, UTF-8, viewport, the title and the review style sheet, then `body`.
    static func page(title: String, body: (inout HTMLBuilder) -> Void) -> String {
        var page = HTMLBuilder()
        page.trusted("<!DOCTYPE html>\n")
        page.element("html", ["lang": "zh-CN"]) { html in
            html.element("head") { head in
                head.void("meta", ["charset": "utf-8"])
                head.void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
                head.element("title", text: title)
                head.element("style") { style in style.trusted(ReviewStyleSheet.css) }
            }
            html.element("body", body: body)
        }
        return page.html + "\n"
    }
}
