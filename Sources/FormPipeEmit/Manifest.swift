import FormPipeCore
import FormPipeLayout

/// `manifest.json`: what was converted, how, and how long each stage took.
package struct Manifest {
    var sourceName: String
    var size: Int
    var sha256: String
    var document: ExtractedDocument
    var forms: Int
    var repairs: Int
    var findings: Int
    /// Tables in the table record (`tables.json`): none when every table belonged to a form.
    var tables: Int
    var timings: [(stage: String, milliseconds: Double)]
    var outputs: [String]

    package init(
        sourceName: String, size: Int, sha256: String, document: ExtractedDocument, forms: Int, repairs: Int,
        findings: Int, tables: Int, timings: [(stage: String, milliseconds: Double)], outputs: [String]
    ) {
        self.sourceName = sourceName
        self.size = size
        self.sha256 = sha256
        self.document = document
        self.forms = forms
        self.repairs = repairs
        self.findings = findings
        self.tables = tables
        self.timings = timings
        self.outputs = outputs
    }

    /// `unrecognized` when the file held tables but no form formpipe knows (docs/tables.md).
    var status: String { forms == 0 ? "unrecognized" : "converted" }

    package var json: JSONValue {
        .object([
            ("source", .string(sourceName)),
            ("size", .number(size)),
            ("sha256", .string(sha256)),
            ("inputKind", .string(document.kind.rawValue)),
            ("pageCount", .number(document.pageCount)),
            (
                "pages",
                .array(
                    document.pages.map { page in
                        .object([
                            ("number", .number(page.number)), ("textSource", .string(page.textSource.rawValue)),
                            ("cells", page.cellCount.map { .number($0) } ?? .null),
                        ])
                    })
            ),
            ("forms", .number(forms)),
            ("repairs", .number(repairs)),
            ("findings", .number(findings)),
            ("tables", .number(tables)),
            ("timingsMs", .object(timings.map { ($0.stage, JSONValue.number(($0.milliseconds * 100).rounded() / 100)) })),
            ("notes", .object(document.notes.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })),
            ("outputs", .array(outputs.map { .string($0) })),
            ("formpipeVersion", .string(FormPipeVersion.current)),
            ("status", .string(status)),
        ])
    }
}
