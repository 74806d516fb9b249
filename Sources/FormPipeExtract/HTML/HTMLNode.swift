import CLibXML2
import FormPipeCore

/// A read-only view of one node of a libxml2 tree, for walking a parsed HTML document.
///
/// It does not own anything: it is only valid while the document it came from is alive, so it
/// never leaves the function that parsed (and frees) that document.
struct HTMLNode {
    let pointer: xmlNodePtr

    init(_ pointer: xmlNodePtr) {
        self.pointer = pointer
    }

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    /// Text and CDATA nodes carry the document's characters; comments and processing
    /// instructions do not count as text.
    var isText: Bool {
        pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE
    }

    /// The element's tag name in lower case (libxml2's HTML parser already folds case; this
    /// makes the walker independent of that).
    var name: String {
        guard let raw = pointer.pointee.name else { return "" }
        return String(cString: raw).lowercased()
    }

    /// The characters of a text node, entities already decoded by the parser.
    var text: String {
        guard let content = pointer.pointee.content else { return "" }
        return String(cString: content)
    }

    /// All text below this node, concatenated by libxml2 without recursion in Swift. Used for
    /// subtrees nested deeper than the walkers are willing to recurse.
    var flattenedText: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { formpipe_xml_free(content) }
        return String(cString: content)
    }

    /// The value of an attribute, or nil when the element has none of that name.
    ///
    /// The corresponding C function is `xmlGetProp`.
    func attribute(_ name: String) -> String? {
        guard let value = LibXML2.withXMLChars(name, { xmlGetProp(pointer, $0) }) else { return nil }
        defer { formpipe_xml_free(value) }
        return String(cString: value)
    }

    /// A positive integer attribute such as `rowspan="3"`, read the way browsers read it:
    /// leading digits count ("3px" is 3), anything without digits is nil.
    func integerAttribute(_ name: String) -> Int? {
        guard let raw = attribute(name) else { return nil }
        let digits = raw.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        // More than 9 digits is beyond any span the grid clamps to anyway.
        return Int(digits.prefix(9))
    }

    var children: HTMLNodeChildren { HTMLNodeChildren(first: pointer.pointee.children) }
}

/// The child nodes of an `HTMLNode`, first to last.
struct HTMLNodeChildren: Sequence, IteratorProtocol {
    private var upcoming: xmlNodePtr?

    init(first: xmlNodePtr?) {
        upcoming = first
    }

    mutating func next() -> HTMLNode? {
        guard let current = upcoming else { return nil }
        upcoming = current.pointee.next
        return HTMLNode(current)
    }
}

/// How the reader treats each kind of element.
enum HTMLElementRole {
    /// Never contributes text: document metadata and scripts.
    case ignored
    /// A line break inside running text.
    case lineBreak
    /// Starts and ends a block: text before and after it is never on the same line.
    case block
    /// Contributes its text to the surrounding line (`<span>`, `<b>`, unknown tags).
    case inline

    init(elementName name: String) {
        switch name {
        case "head", "title", "script", "style", "template", "noscript", "meta", "link", "object", "iframe":
            self = .ignored
        case "br":
            self = .lineBreak
        case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
            "article", "header", "footer", "main", "nav", "aside", "blockquote", "pre", "center", "address",
            "caption", "form", "fieldset", "figure", "figcaption", "hr", "table", "thead", "tbody", "tfoot", "tr",
            "td", "th", "html", "body":
            self = .block
        default:
            self = .inline
        }
    }
}
