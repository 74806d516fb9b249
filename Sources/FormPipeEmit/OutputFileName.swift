/// The names of the files in a document's output folder: written by the converter, read back
/// by review.
public enum OutputFileName {
    public static let manifest = "manifest.json"
    public static let repairLog = "repairs.jsonl"
    /// The table record: tables of the document that no known form took (docs/tables.md).
    public static let tables = "tables.json"
    public static let tablesXML = "tables.xml"
}

/// Names of the per-form files: `form-01.json`, `form-01.xml`.
public enum FormFileName {
    public static func stem(form: Int) -> String {
        form < 10 ? "form-0\(form)" : "form-\(form)"
    }

    /// The form number of `form-NN.json` / `form-NN` / `form-7`; nil for other names.
    public static func formNumber(_ name: String) -> Int? {
        var stem = Substring(name)
        for suffix in [".json", ".xml"] where stem.hasSuffix(suffix) { stem = stem.dropLast(suffix.count) }
        guard stem.hasPrefix("form-"), let number = Int(stem.dropFirst(5)), number > 0 else { return nil }
        return number
    }
}
