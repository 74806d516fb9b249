import CLibXML2

/// Process-wide libxml2 set-up shared by the HTML reader, the XML writer and the validator.
package enum LibXML2 {
    /// `xmlInitParser` is not reentrant and must run once before threads use the library; a
    /// Swift `static let` runs its initializer exactly once, thread-safely.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Call before any other libxml2 function; cheap after the first call.
    package static func initialize() {
        _ = initialized
    }

    /// Calls `body` with `string` as a NUL-terminated `xmlChar` pointer (libxml2's UTF-8 strings).
    package static func withXMLChars<R>(_ string: String, _ body: (UnsafePointer<xmlChar>) throws -> R) rethrows -> R {
        try string.utf8CString.withUnsafeBufferPointer { chars in
            try chars.withMemoryRebound(to: xmlChar.self) { try body($0.baseAddress!) }
        }
    }
}
