import Foundation
import FormPipeRecord

/// Writes the table record as XML (`tables.xml`), valid against `schema/formpipe-tables.xsd`:
/// root `<tables source="…">`, one `<table>` per table with an optional `<caption>`, its
/// `<row>`s and their `<cell>`s; positions and spans are attributes, the repaired text is the
/// cell's content. An absent page or box is an absent attribute.
public enum TableRecordXMLWriter {
    public static func xml(for record: TableRecord, source: String) throws(RecordXMLWriter.WriteError) -> Data {
        let writer = try XMLMemoryWriter()
        try writer.startDocument()
        try writer.startElement("tables")
        try writer.attribute("source", source)
        for table in record.tables {
            try writer.startElement("table")
            try writer.attribute("number", String(table.number))
            if let page = table.page { try writer.attribute("page", String(page)) }
            try writer.attribute("rows", String(table.rows.count))
            try writer.attribute("columns", String(table.columnCount))
            if let caption = table.caption { try writer.textElement("caption", label: nil, text: caption) }
            for (index, cells) in table.rows.enumerated() {
                try writer.startElement("row")
                try writer.attribute("number", String(index + 1))
                for cell in cells { try write(cell, to: writer) }
                try writer.endElement()
            }
            try writer.endElement()
        }
        try writer.endElement()
        return try writer.finish()
    }

    private static func write(_ cell: TableRecord.Cell, to writer: XMLMemoryWriter) throws(RecordXMLWriter.WriteError) {
        try writer.startElement("cell")
        try writer.attribute("row", String(cell.row))
        try writer.attribute("column", String(cell.column))
        try writer.attribute("rowSpan", String(cell.rowSpan))
        try writer.attribute("colSpan", String(cell.columnSpan))
        if let page = cell.page { try writer.attribute("page", String(page)) }
        if let box = cell.box {
            try writer.attribute("bbox", box.corners.map { (($0 * 10).rounded() / 10).plainText }.joined(separator: " "))
        }
        try writer.text(cell.text)
        try writer.fullEndElement()
    }
}
