import CLibXML2
import Foundation
import FormPipeCore

/// An indented UTF-8 XML document built in memory with libxml2's `xmlTextWriter`, which does
/// the escaping (`&`, `<`, `>` in text; quotes in attributes).
///
/// Owns the writer and its `xmlBuffer`; both are freed in `deinit`, writer first (it may still
/// flush into the buffer).
final class XMLMemoryWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    /// - Throws: when libxml2 cannot allocate the buffer or the writer.
    init() throws(RecordXMLWriter.WriteError) {
        LibXML2.initialize()
        guard let buffer = xmlBufferCreate() else { throw RecordXMLWriter.WriteError(call: "xmlBufferCreate") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw RecordXMLWriter.WriteError(call: "xmlNewTextWriterMemory")
        }
        self.buffer = buffer
        self.writer = writer
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    /// Writes the XML declaration (`<?xml version="1.0" encoding="UTF-8"?>`) and turns on
    /// indentation by two spaces.
    func startDocument() throws(RecordXMLWriter.WriteError) {
        try check(xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent")
        try check(LibXML2.withXMLChars("  ") { xmlTextWriterSetIndentString(writer, $0) }, "xmlTextWriterSetIndentString")
        try check(xmlTextWriterStartDocument(writer, nil, "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    /// Opens an element, with `label="…"` when a label is given.
    func startElement(_ name: String, label: String? = nil) throws(RecordXMLWriter.WriteError) {
        try check(LibXML2.withXMLChars(name) { xmlTextWriterStartElement(writer, $0) }, "xmlTextWriterStartElement")
        if let label {
            let written = LibXML2.withXMLChars("label") { attribute in
                LibXML2.withXMLChars(Self.xmlSafe(label)) { xmlTextWriterWriteAttribute(writer, attribute, $0) }
            }
            try check(written, "xmlTextWriterWriteAttribute")
        }
    }

    /// Writes a whole element holding `text`: `<name label="…">text</name>`, also when `text`
    /// is empty (an empty string is a value, unlike an absent element).
    func textElement(_ name: String, label: String?, text: String) throws(RecordXMLWriter.WriteError) {
        try startElement(name, label: label)
        try check(LibXML2.withXMLChars(Self.xmlSafe(text)) { xmlTextWriterWriteString(writer, $0) }, "xmlTextWriterWriteString")
        try check(xmlTextWriterFullEndElement(writer), "xmlTextWriterFullEndElement")
    }

    /// An attribute of the element just opened.
    func attribute(_ name: String, _ value: String) throws(RecordXMLWriter.WriteError) {
        let written = LibXML2.withXMLChars(name) { attribute in
            LibXML2.withXMLChars(Self.xmlSafe(value)) { xmlTextWriterWriteAttribute(writer, attribute, $0) }
        }
        try check(written, "xmlTextWriterWriteAttribute")
    }

    /// Text inside the element just opened (escaped).
    func text(_ text: String) throws(RecordXMLWriter.WriteError) {
        try check(LibXML2.withXMLChars(Self.xmlSafe(text)) { xmlTextWriterWriteString(writer, $0) }, "xmlTextWriterWriteString")
    }

    /// Closes the element as `<a …></a>` even when it is empty.
    func fullEndElement() throws(RecordXMLWriter.WriteError) {
        try check(xmlTextWriterFullEndElement(writer), "xmlTextWriterFullEndElement")
    }

    func endElement() throws(RecordXMLWriter.WriteError) {
        try check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
    }

    /// Closes every open element, ends the document and returns its bytes.
    func finish() throws(RecordXMLWriter.WriteError) -> Data {
        try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        try check(xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        guard let content = xmlBufferContent(buffer) else { return Data() }
        return Data(bytes: content, count: Int(xmlBufferLength(buffer)))
    }

    private func check(_ result: Int32, _ call: String) throws(RecordXMLWriter.WriteError) {
        if result < 0 { throw RecordXMLWriter.WriteError(call: call) }
    }

    /// Drops the characters XML 1.0 cannot hold at all, not even escaped (C0 controls other
    /// than tab, newline and CR; U+FFFE, U+FFFF): OCR output occasionally contains them, and
    /// the text writer would pass them through into a document no parser accepts.
    static func xmlSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isXMLCharacter($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter(isXMLCharacter))
        return String(scalars)
    }

    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
