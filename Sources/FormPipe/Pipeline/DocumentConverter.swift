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
            var lines: [String] = []
            for (index, repair) in repairs.enumerated() {
                guard case .object(let members) = repair.json else { continue }
                lines.append(JSONValue.object([("id", .string("R\(index + 1)"))] + members).compact())
            }
            for (index, finding) in findings.enumerated() {
                guard case .object(let members) = finding.json else { continue }
                lines.append(JSONValue.object([("id", .string("F\(index + 1)"))] + members).compact())
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
