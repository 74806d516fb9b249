/// Which files `convert` writes besides the repair log and manifest.
public enum OutputFormat: String, Sendable, Codable, CaseIterable {
    case json, xml
}
