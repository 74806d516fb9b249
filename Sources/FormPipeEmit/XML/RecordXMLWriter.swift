import Foundation
import FormPipeRecord

/// Writes a `FormRecord` as XML, following the XML section of `shared/docs/record-format.md`
/// and the schema in `schema/formpipe-record.xsd` (`RecordSchema.xsd`).
///
/// - root `<record>`, one child element per record key, in the contract's key order;
/// - `funds` as four `<row>`s, `indicators` as `<indicator>`s, `goals` and `total` as elements
///   with their own children;
/// - a null value is an absent element; an empty string is an empty element;
/// - numbers are the printed digits (`PrintedNumber.literal`), so 587.049060 keeps its zero;
/// - every element with a form label carries it as `label="…"` (see `FieldLabel`).
public enum RecordXMLWriter {
    /// libxml2 refused a write; in practice only when memory runs out.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        /// The libxml2 function that failed.
        public var call: String

        public var description: String { "could not build the XML record (\(call) failed)" }
    }

    /// The record as an indented UTF-8 XML document.
    public static func xml(for record: FormRecord) throws(WriteError) -> Data {
        let writer = try XMLMemoryWriter()
        try writer.startDocument()
        try writer.startElement("record")

        var failure: WriteError?
        record.walk { visit in
            guard failure == nil else { return }
            do throws(WriteError) {
                switch visit {
                case .value(let field, _, let labelPath, let value):
                    let text: String? =
                        switch value {
                        case .text(let text): text
                        case .number(let number): number.literal
                        case .null: nil
                        }
                    guard let text else { return }
                    try writer.textElement(field.key, label: FieldLabel.label(forPath: labelPath), text: text)
                case .open(let key, let labelPath):
                    try writer.startElement(key, label: labelPath.isEmpty ? nil : FieldLabel.label(forPath: labelPath))
                case .close:
                    try writer.endElement()
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        try writer.endElement()
        return try writer.finish()
    }
}
