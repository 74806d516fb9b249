import FormPipeDefinition

/// The XML Schema of a formpipe XML record, made from the form's definition
/// (`FormDefinition.record`), so that the schema cannot drift from what the writers write.
/// `schema/formpipe-record.xsd` is this text for readers without the binary; `formpipe schema`
/// prints it and a test keeps the file identical.
public enum RecordSchema {
    /// The schema document of the 项目支出绩效自评表 record.
    public static let xsd = document(for: .selfEvaluation)

    /// The schema of the records of `definition`.
    public static func document(for definition: FormDefinition) -> String {
        var lines = header(for: definition)
        lines.append("  <xs:element name=\"record\" type=\"Record\">")
        lines.append("    <xs:annotation>")
        lines.append("      <xs:documentation>One form. A file holding several forms gives several records.</xs:documentation>")
        lines.append("    </xs:annotation>")
        lines.append("  </xs:element>")
        lines.append("")
        lines.append("  <xs:complexType name=\"Record\">")
        lines.append("    <xs:sequence>")
        var types: [String] = []
        for node in definition.record {
            switch node {
            case .value(let field):
                lines += element(field, indent: "      ")
            case .group(let key, let label, let fields):
                let type = typeName(key)
                lines.append("      <xs:element name=\"\(key)\" type=\"\(type)\"/>")
                types += complexType(type, comment: label, fields: fields, labelled: true)
            case .list(let key, let label, let element, let minimum, let fields):
                let listType = typeName(key)
                let rowType = typeName(key) + typeName(element)
                lines.append("      <xs:element name=\"\(key)\" type=\"\(listType)\"/>")
                types.append("  <!-- \(label ?? key): \(minimum > 0 ? "at least \(minimum) rows" : "one per printed row"), in printed order. -->")
                types.append("  <xs:complexType name=\"\(listType)\">")
                types.append("    <xs:sequence>")
                types.append(
                    "      <xs:element name=\"\(element)\" type=\"\(rowType)\" minOccurs=\"\(minimum)\" maxOccurs=\"unbounded\"/>")
                types.append("    </xs:sequence>")
                types.append("    <xs:attribute name=\"label\" type=\"xs:string\" use=\"optional\"/>")
                types.append("  </xs:complexType>")
                types.append("")
                types += complexType(rowType, comment: nil, fields: fields, labelled: false)
            }
        }
        lines.append("    </xs:sequence>")
        lines.append("  </xs:complexType>")
        lines.append("")
        lines += types
        lines += leafTypes
        lines.append("</xs:schema>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func header(for definition: FormDefinition) -> [String] {
        [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<!--",
            "  formpipe record schema: one \(definition.formType) as formpipe writes it in XML.",
            "  Generated from the form's definition (Sources/FormPipe/Record/Definition); do not edit:",
            "  run `formpipe schema > schema/formpipe-record.xsd` after changing the definition.",
            "",
            "  Root <record>, one child element per record key in the contract's order, arrays as",
            "  repeated children, a null value as an absent element, and an optional label=\"...\" on",
            "  every element with the label printed on the form. Numbers are xs:decimal written with",
            "  the printed digits (587.049060 keeps its trailing zero); the year is xs:integer.",
            "-->",
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" elementFormDefault=\"unqualified\">",
            "",
        ]
    }

    private static func complexType(_ name: String, comment: String?, fields: [RecordField], labelled: Bool) -> [String] {
        var lines: [String] = []
        if let comment { lines.append("  <!-- \(comment). -->") }
        lines.append("  <xs:complexType name=\"\(name)\">")
        lines.append("    <xs:sequence>")
        for field in fields { lines += element(field, indent: "      ") }
        lines.append("    </xs:sequence>")
        if labelled { lines.append("    <xs:attribute name=\"label\" type=\"xs:string\" use=\"optional\"/>") }
        lines.append("  </xs:complexType>")
        lines.append("")
        return lines
    }

    private static func element(_ field: RecordField, indent: String) -> [String] {
        let (type, optional): (String, Bool) =
            switch field.kind {
            case .text, .fixed: ("LabelledText", false)
            case .optionalText: ("LabelledText", true)
            case .number: ("LabelledDecimal", true)
            case .integer: ("LabelledInteger", true)
            }
        let open = "\(indent)<xs:element name=\"\(field.key)\" type=\"\(type)\"\(optional ? " minOccurs=\"0\"" : "")"
        guard let note = field.note else { return [open + "/>"] }
        return [
            open + ">", "\(indent)  <xs:annotation>",
            "\(indent)    <xs:documentation>\(note)</xs:documentation>", "\(indent)  </xs:annotation>",
            "\(indent)</xs:element>",
        ]
    }

    private static func typeName(_ key: String) -> String {
        key.prefix(1).uppercased() + key.dropFirst()
    }

    private static let leafTypes: [String] = [
        "  <!-- Leaf values, each with the optional form label. -->",
        "  <xs:complexType name=\"LabelledText\">", "    <xs:simpleContent>",
        "      <xs:extension base=\"xs:string\">",
        "        <xs:attribute name=\"label\" type=\"xs:string\" use=\"optional\"/>", "      </xs:extension>",
        "    </xs:simpleContent>", "  </xs:complexType>", "",
        "  <xs:complexType name=\"LabelledDecimal\">", "    <xs:simpleContent>",
        "      <xs:extension base=\"xs:decimal\">",
        "        <xs:attribute name=\"label\" type=\"xs:string\" use=\"optional\"/>", "      </xs:extension>",
        "    </xs:simpleContent>", "  </xs:complexType>", "",
        "  <xs:complexType name=\"LabelledInteger\">", "    <xs:simpleContent>",
        "      <xs:extension base=\"xs:integer\">",
        "        <xs:attribute name=\"label\" type=\"xs:string\" use=\"optional\"/>", "      </xs:extension>",
        "    </xs:simpleContent>", "  </xs:complexType>", "",
    ]
}
