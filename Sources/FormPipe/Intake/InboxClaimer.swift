#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// Takes a ready file out of the inbox by renaming it into this daemon's work session.
///
/// `rename(2)` within one file system is atomic: of two daemons renaming the same inbox name, one
/// succeeds and the other gets `ENOENT` — a file is never taken twice, and never half-moved. The
/// target name is unique within the session, so nothing in `work/` is ever replaced.
public struct InboxClaimer: Sendable {
    public enum Outcome: Sendable, Equatable {
        case claimed(ClaimedFile)
        /// Someone else took it, or it was deleted, between readiness and claim.
        case gone
        /// The rename was refused (permissions, a different file system); the file stays in the inbox.
        case refused(Errno)
    }

    public let inbox: FilePath
    public let session: WorkSession

    public init(inbox: FilePath, session: WorkSession) {
        self.inbox = inbox
        self.session = session
    }

    public func claim(_ entry: FilePath.Component) -> Outcome {
        let name = FileNameSanitizer.sanitize(entry.string)
        let target = session.nextClaimPath(for: name)
        do {
            try SystemCalls.move(inbox.appending(entry), to: target)
            return .claimed(ClaimedFile(path: target, name: name, recovered: false))
        } catch .noSuchFileOrDirectory {
            return .gone
        } catch {
            return .refused(error)
        }
    }
}
