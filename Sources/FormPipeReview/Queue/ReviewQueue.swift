import Foundation
import FormPipeRecord
import FormPipeIntake

/// What needs a person across the whole outbox: every finding and every repair of every
/// document, least sure first (findings, which carry no confidence, before every repair),
/// filterable by rule, document and confidence — the browser review's work list.
///
/// It keeps each document's part in memory while the folder's manifest is the same file (the
/// publisher writes every folder anew, so any change gives it a new one), so a browser polling
/// for new documents costs a `stat` per folder, not a read of every repair log.
public struct ReviewQueue: Sendable {
    public struct Filter: Sendable {
        public var rule: String?
        public var document: String?
        /// Only repairs whose confidence is below this, and findings.
        public var below: Double?
        /// Only items no reviewer has decided yet.
        public var openOnly: Bool

        public init(rule: String? = nil, document: String? = nil, below: Double? = nil, openOnly: Bool = false) {
            self.rule = rule
            self.document = document
            self.below = below
            self.openOnly = openOnly
        }

        func keeps(_ item: ReviewQueueItem) -> Bool {
            (rule == nil || item.rule == rule) && (document == nil || item.document == document)
                && (below == nil || (item.confidence ?? 0) < below!) && (!openOnly || !item.isDecided)
        }
    }

    public let reviewer: DocumentReviewer
    private var documents: [String: (stamp: String, queue: DocumentQueue)] = [:]
    /// Folders that could not be read, with why.
    public private(set) var problems: [String: ReviewError] = [:]

    /// The queue of `reviewer`'s outbox; its decisions go through `reviewer`.
    public init(reviewer: DocumentReviewer) {
        self.reviewer = reviewer
    }

    /// Reads the folders that changed since the last call; returns the outbox's state, a token
    /// that changes whenever any document folder does (for polling clients).
    @discardableResult
    public mutating func refresh() -> String {
        let outbox = reviewer.outbox
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? []).filter {
            !$0.hasPrefix(".")
        }.sorted()
        var stamps: [String] = []
        var seen: Set<String> = []
        for name in names {
            guard let stamp = SummaryCache.stamp(of: outbox.appendingPathComponent(name, isDirectory: true)) else {
                continue
            }
            seen.insert(name)
            stamps.append("\(name)=\(stamp)")
            if documents[name]?.stamp == stamp { continue }
            do throws(ReviewError) {
                let (document, version) = try reviewer.loadVersioned(name)
                documents[name] = (stamp, DocumentQueue(document: document, version: version))
                problems[name] = nil
            } catch {
                documents[name] = nil
                problems[name] = error
            }
        }
        for name in Set(documents.keys).union(problems.keys) where !seen.contains(name) {
            documents[name] = nil
            problems[name] = nil
        }
        return String(FileChecksum.sha256(Data(stamps.joined(separator: "\n").utf8)).prefix(16))
    }

    /// Puts a document's part as a decision just published it, without reading it back.
    public mutating func update(_ document: ReviewDocument, version: DocumentVersion) {
        let folder = reviewer.outbox.appendingPathComponent(document.name, isDirectory: true)
        guard let stamp = SummaryCache.stamp(of: folder) else { return }
        documents[document.name] = (stamp, DocumentQueue(document: document, version: version))
    }

    /// The documents, least reviewed first as on the index page.
    public var documentQueues: [DocumentQueue] {
        documents.values.map(\.queue).sorted { lhs, rhs in
            if (lhs.acceptance == nil) != (rhs.acceptance == nil) { return lhs.acceptance == nil }
            return lhs.name < rhs.name
        }
    }

    public func document(_ name: String) -> DocumentQueue? {
        documents[name]?.queue
    }

    /// The items `filter` keeps, least sure first; among equals by document, then log order
    /// (repairs, then findings).
    public func items(_ filter: Filter) -> [ReviewQueueItem] {
        documents.values.flatMap { $0.queue.items.enumerated().map { ($0.offset, $0.element) } }
            .filter { filter.keeps($0.1) }
            .sorted { lhs, rhs in
                // A finding (no confidence) before any repair.
                let (left, right) = (lhs.1.confidence ?? -1, rhs.1.confidence ?? -1)
                if left != right { return left < right }
                if lhs.1.document != rhs.1.document { return lhs.1.document < rhs.1.document }
                return lhs.0 < rhs.0
            }
            .map(\.1)
    }

    /// Every rule that has an item, for the filter's choices.
    public var rules: [String] {
        Set(documents.values.flatMap { $0.queue.items.map(\.rule) }).sorted()
    }
}
