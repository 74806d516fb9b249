import FormPipeCore
import FormPipeLayout
import FormPipeRecord
import FormPipeRepair
import FormPipeEmit

/// The record stage for a whole document: forms split out, recognized and mapped, the tables
/// no form took kept as the table record; repairs and findings gathered in form order, the
/// table record's last.
public struct DocumentConverter: Sendable {
    public struct Output: Sendable {
        public var forms: [FormRecord]
        public var repairs: [Repair]
        public var findings: [Finding]
        /// Tables of the document that belong to no recognized form (docs/tables.md).
        public var tables = TableRecord()

        /// `repairs.jsonl`: one object per line, repairs first (with ids R1, R2, … that review
        /// refers to), then findings (F1, F2, …).
        public func repairLogLines() -> String {
            let lines = repairLogEntries().map { $0.compact() }
            return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        }

        /// The lines of `repairs.jsonl` as values, for review to take in memory.
        public func repairLogEntries() -> [JSONValue] {
            let entries =
                repairs.enumerated().map { ("R\($0.offset + 1)", $0.element.json) }
                + findings.enumerated().map { ("F\($0.offset + 1)", $0.element.json) }
            return entries.compactMap { id, json -> JSONValue? in
                guard case .object(let members) = json else { return nil }
                return JSONValue.object([("id", .string(id))] + members)
            }
        }
    }

    public init() {}

    public func convert(_ document: ExtractedDocument) -> Output {
        var output = Output(forms: [], repairs: [], findings: [])
        // A header label OCR lost must not lose the form it starts.
        let partition = DocumentPartition(HeaderLabelRestoration().restore(document.blocks))
        for (index, form) in partition.forms.enumerated() {
            let result = FormMapper(formNumber: index + 1, sourceKind: document.kind).map(form)
            output.forms.append(result.record)
            output.repairs += result.repairs
            output.findings += result.findings
        }
        let tables = TableRecordBuilder().build(partition.leftovers)
        output.tables = tables.record
        output.repairs += tables.repairs
        output.findings += partition.rejections.map { $0.finding(tablesFile: OutputFileName.tables) }
        return output
    }
}
