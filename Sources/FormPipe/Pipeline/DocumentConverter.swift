/// The record stage for a whole document: forms split out and mapped, repairs and findings
/// gathered in form order.
public struct DocumentConverter: Sendable {
    public struct Output: Sendable {
        public var forms: [FormRecord]
        public var repairs: [Repair]
        public var findings: [Finding]

        /// `repairs.jsonl`: one object per line, repairs first (with ids R1, R2, … that review
        /// refers to), then findings (F1, F2, …).
        public func repairLogLines() -> String {
            let entries =
                repairs.enumerated().map { ("R\($0.offset + 1)", $0.element.json) }
                + findings.enumerated().map { ("F\($0.offset + 1)", $0.element.json) }
            let lines = entries.compactMap { id, json -> String? in
                guard case .object(let members) = json else { return nil }
                return JSONValue.object([("id", .string(id))] + members).compact()
            }
            return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        }
    }

    public init() {}

    public func convert(_ document: ExtractedDocument) -> Output {
        var output = Output(forms: [], repairs: [], findings: [])
        for (index, form) in FormSplitter().split(document.blocks).enumerated() {
            let result = FormMapper(formNumber: index + 1, sourceKind: document.kind).map(form)
            output.forms.append(result.record)
            output.repairs += result.repairs
            output.findings += result.findings
        }
        return output
    }
}
