/// Metadata keys of the daemon's log lines. Messages are constant ("converted", "failed"); the data
/// is in metadata, so JSON-lines logs can be filtered by key.
public enum LogKey {
    public static let file = "formpipe.file"
    public static let claim = "formpipe.claim"
    public static let destination = "formpipe.destination"
    public static let output = "formpipe.output"
    public static let forms = "formpipe.forms"
    /// Tables in the table record (docs/tables.md).
    public static let tables = "formpipe.tables"
    public static let repairs = "formpipe.repairs"
    public static let findings = "formpipe.findings"
    public static let pages = "formpipe.pages"
    public static let milliseconds = "formpipe.ms"
    public static let reason = "formpipe.reason"
    public static let code = "formpipe.code"
    public static let stage = "formpipe.stage"
    public static let attempt = "formpipe.attempt"
    public static let sha256 = "formpipe.sha256"
    public static let duplicateOf = "formpipe.duplicateOf"
    public static let workerPID = "formpipe.worker.pid"
    public static let workerFiles = "formpipe.worker.files"
    public static let count = "formpipe.count"
    public static let folder = "formpipe.folder"
}
