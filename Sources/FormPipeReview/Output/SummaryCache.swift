import Foundation
import FormPipeCore
import FormPipeEmit

/// The index page's memory of each document's summary, in `OUTBOX/.formpipe-review-index.json`,
/// so that refreshing `index.html` after each conversion reads only the folder that changed, not
/// every repair log in the outbox (which made a 200-file burst quadratic).
///
/// A summary is reused while its folder's `manifest.json` is the same file: the publisher writes
/// every folder anew and swaps it in by rename, so any change to a document gives its manifest a
/// new inode and modification time.
struct SummaryCache {
    static let fileName = ".formpipe-review-index.json"

    private var entries: [String: (stamp: String, summary: DocumentSummary)] = [:]
    private(set) var changed = false

    init() {}

    /// Reads the cache of `outbox`; an unreadable or missing one is an empty cache.
    init(outbox: URL) {
        guard let data = FileManager.default.contents(atPath: outbox.appendingPathComponent(Self.fileName).path),
            let json = try? JSONValueParser.parse(String(decoding: data, as: UTF8.self)),
            case .object(let documents)? = json["documents"]
        else { return }
        for (name, entry) in documents {
            guard let stamp = entry["stamp"]?.stringValue,
                let summary = entry["summary"].flatMap(DocumentSummary.init(json:))
            else { continue }
            entries[name] = (stamp, summary)
        }
    }

    /// The identity of a document folder's current contents; nil when it has no manifest.
    static func stamp(of folder: URL) -> String? {
        var status = stat()
        guard stat(folder.appendingPathComponent(OutputFileName.manifest).path, &status) == 0 else { return nil }
        return "\(status.st_ino):\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec):\(status.st_size)"
    }

    func summary(_ name: String, stamp: String) -> DocumentSummary? {
        guard let entry = entries[name], entry.stamp == stamp else { return nil }
        return entry.summary
    }

    mutating func store(_ summary: DocumentSummary, stamp: String) {
        entries[summary.name] = (stamp, summary)
        changed = true
    }

    /// Forgets folders that are gone.
    mutating func keepOnly(_ names: Set<String>) {
        for name in entries.keys where !names.contains(name) {
            entries[name] = nil
            changed = true
        }
    }

    func write(to outbox: URL) throws {
        let documents = entries.sorted { $0.key < $1.key }.map { name, entry in
            (name, JSONValue.object([("stamp", .string(entry.stamp)), ("summary", entry.summary.json)]))
        }
        let json = JSONValue.object([("version", .number(1)), ("documents", .object(documents))])
        try AtomicFile.write(Data(json.compact().utf8), to: outbox.appendingPathComponent(Self.fileName))
    }
}
