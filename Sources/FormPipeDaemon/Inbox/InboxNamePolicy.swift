/// Which inbox names the daemon leaves alone: files still being written under a temporary name by
/// browsers, sync clients and editors, and hidden files (including the repository's `.gitkeep`).
/// The writer renames them to their final name when done, which the watcher sees as a new file.
public enum InboxNamePolicy {
    private static let partialSuffixes = [".part", ".filepart", ".tmp", ".crdownload"]

    /// Why `name` is skipped, or nil when the daemon should consider it.
    public static func skipReason(for name: String) -> String? {
        if name.hasPrefix(".") { return "hidden file" }
        if name.hasPrefix("~$") { return "Office lock file" }
        let lowered = name.lowercased()
        if let suffix = partialSuffixes.first(where: { lowered.hasSuffix($0) }) {
            return "partial download (\(suffix))"
        }
        return nil
    }
}
