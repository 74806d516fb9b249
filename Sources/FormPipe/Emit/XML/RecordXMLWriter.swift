import Foundation

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

        try text(record.formType, path: "formType", to: writer)
        try text(record.year.map(String.init), path: "year", to: writer)
        try text(record.projectName, path: "projectName", to: writer)
        try text(record.department, path: "department", to: writer)
        try text(record.implementingUnit, path: "implementingUnit", to: writer)
        try text(record.projectLead, path: "projectLead", to: writer)
        try text(record.phone, path: "phone", to: writer)

        try writer.startElement("funds", label: FieldLabel.label(forPath: "funds"))
        for row in record.funds {
            try writer.startElement("row")
            try writer.textElement("item", label: nil, text: row.item)
            for key in FundsRow.numericKeys {
                try number(row[numeric: key], path: "funds.\(key)", to: writer)
            }
            try writer.endElement()
        }
        try writer.endElement()

        try writer.startElement("goals", label: FieldLabel.label(forPath: "goals"))
        try text(record.goals.expected, path: "goals.expected", to: writer)
        try text(record.goals.actual, path: "goals.actual", to: writer)
        try writer.endElement()

        try writer.startElement("indicators", label: FieldLabel.label(forPath: "indicators"))
        for indicator in record.indicators {
            try writer.startElement("indicator")
            try text(indicator.level1, path: "indicators.level1", to: writer)
            try text(indicator.level2, path: "indicators.level2", to: writer)
            try text(indicator.level3, path: "indicators.level3", to: writer)
            try text(indicator.target, path: "indicators.target", to: writer)
            try text(indicator.actual, path: "indicators.actual", to: writer)
            try number(indicator.weight, path: "indicators.weight", to: writer)
            try number(indicator.score, path: "indicators.score", to: writer)
            try text(indicator.deviation, path: "indicators.deviation", to: writer)
            try writer.endElement()
        }
        try writer.endElement()

        try writer.startElement("total", label: FieldLabel.label(forPath: "total"))
        try number(record.total.weight, path: "total.weight", to: writer)
        try number(record.total.score, path: "total.score", to: writer)
        try writer.endElement()

        try writer.endElement()
        return try writer.finish()
    }

    /// The element name is the path's last key; nil writes nothing.
    private static func text(_ value: String?, path: String, to writer: XMLMemoryWriter) throws(WriteError) {
        guard let value else { return }
        let name = path.split(separator: ".").last.map(String.init) ?? path
        try writer.textElement(name, label: FieldLabel.label(forPath: path), text: value)
    }

    private static func number(_ value: PrintedNumber?, path: String, to writer: XMLMemoryWriter) throws(WriteError) {
        try text(value?.literal, path: path, to: writer)
    }
}
