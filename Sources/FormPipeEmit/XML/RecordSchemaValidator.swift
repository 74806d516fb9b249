import CLibXML2
import Foundation
import FormPipeCore

/// Checks XML records against the record schema (`RecordSchema.xsd`) with libxml2's XML
/// Schema validator, and says what is wrong and on which line.
///
/// The schema is parsed once, in `init`, and reused for every document.
///
/// `@unchecked Sendable` is safe because the only state is the parsed `xmlSchemaPtr`, which
/// nothing changes after `init` and which `deinit` frees when no call can be running; and every
/// call into libxml2 from `validate` runs under one process-wide lock, so two threads never
/// share the schema or libxml2's error handler at the same time.
public final class RecordSchemaValidator: @unchecked Sendable {
    /// One problem in a document. `line` is 1-based, 0 when libxml2 knows no line.
    public struct Issue: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }

        public var description: String { "line \(line): \(message)" }
    }

    /// The schema itself did not parse: a defect in the build, not in any input.
    public struct SchemaError: Error, Sendable, CustomStringConvertible {
        public var issues: [Issue]
        public var description: String {
            "the record schema is invalid: " + issues.map(\.description).joined(separator: "; ")
        }
    }

    /// Instance documents never load anything: no network, no DTD, no entity substitution
    /// (`XML_PARSE_NOENT` would enable it and let an external entity read a local file).
    static let documentParseOptions = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

    private static let lock = NSLock()
    private let schema: xmlSchemaPtr

    /// Parses the schema. The default is the embedded record schema.
    public init(xsd: String = RecordSchema.xsd) throws(SchemaError) {
        LibXML2.initialize()
        let errors = XMLErrorCapture()
        let parsed: xmlSchemaPtr? = Self.lock.withLock {
            errors.capture {
                // xmlSchemaNewMemParserCtxt does not copy the buffer: it must stay alive until
                // xmlSchemaParse returns, so both calls run inside the buffer's scope.
                var bytes = Array(xsd.utf8)
                return bytes.withUnsafeMutableBufferPointer { buffer -> xmlSchemaPtr? in
                    let chars = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                    guard let context = xmlSchemaNewMemParserCtxt(chars, Int32(buffer.count)) else { return nil }
                    defer { xmlSchemaFreeParserCtxt(context) }
                    return xmlSchemaParse(context)
                }
            }
        }
        guard let parsed else {
            throw SchemaError(issues: errors.issues.isEmpty ? [Issue(line: 0, message: "xmlSchemaParse failed")] : errors.issues)
        }
        schema = parsed
    }

    deinit {
        xmlSchemaFree(schema)
    }

    /// Validates one XML document. Returns the problems found, in the order libxml2 reports them; an empty
    /// list means the document is well-formed and valid.
    public func validate(_ xml: Data) -> [Issue] {
        guard xml.count < Int(Int32.max) else { return [Issue(line: 0, message: "document larger than 2 GiB")] }
        let errors = XMLErrorCapture()
        let outcome: Int32 = Self.lock.withLock {
            errors.capture { () -> Int32 in
                let parsed: xmlDocPtr? = xml.withUnsafeBytes { raw in
                    let chars = raw.bindMemory(to: CChar.self)
                    return xmlReadMemory(chars.baseAddress, Int32(chars.count), nil, nil, Self.documentParseOptions)
                }
                guard let document = parsed else { return -2 }
                defer { xmlFreeDoc(document) }
                guard let context = xmlSchemaNewValidCtxt(schema) else { return -1 }
                defer { xmlSchemaFreeValidCtxt(context) }
                return xmlSchemaValidateDoc(context, document)
            }
        }
        var issues = errors.issues
        if issues.isEmpty {
            // libxml2 said no without saying why; still report it, never pass it as valid.
            switch outcome {
            case 0: break
            case -2: issues.append(Issue(line: 0, message: "the document is not well-formed XML"))
            case let code where code < 0: issues.append(Issue(line: 0, message: "libxml2 internal error \(code)"))
            default: issues.append(Issue(line: 0, message: "the document does not match the record schema"))
            }
        }
        return issues
    }
}
