import Foundation
import FormPipeEmit
import FormPipeIntake

/// What a document folder holds right now, as one short token: the SHA-256 of the files a
/// decision reads (manifest, records, repair log, `review.json`).
///
/// A browser page keeps the version it was drawn from and sends it with each decision;
/// `DocumentReviewer.apply(_:to:by:expecting:)` compares it under the outbox lock, so an edit
/// made on a page that another reviewer or a reconversion has since overtaken is refused rather
/// than silently undoing the other's work. Content, not a file's time or inode: a folder
/// published again with the same bytes is the same version, and a change within the same
/// second is still a change.
public struct DocumentVersion: Sendable, Hashable, CustomStringConvertible {
    public let token: String

    public init(token: String) {
        self.token = token
    }

    /// The version of a folder's files as `FolderFiles.read` or `outputFiles` lists them.
    init(files: [(String, Data)]) {
        let digest = SHA256Digest()
        for (path, data) in files.sorted(by: { $0.0 < $1.0 }) where Self.isDecisionInput(path) {
            // The length before each part keeps "a"+"bc" and "ab"+"c" apart.
            let header = "\(path)\u{0}\(data.count)\u{0}"
            Data(header.utf8).withUnsafeBytes { digest.update($0) }
            data.withUnsafeBytes { digest.update($0) }
        }
        token = String(digest.finish().prefix(16))
    }

    public var description: String { token }

    /// The files a decision is made from; the page, the crops and debug files are derived or
    /// never change after conversion.
    static func isDecisionInput(_ path: String) -> Bool {
        path == OutputFileName.manifest || path == OutputFileName.repairLog || path == ReviewLedger.fileName
            || (path.hasSuffix(".json") && FormFileName.formNumber(path) != nil)
    }
}
