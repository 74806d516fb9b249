#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage
import FormPipeCore
import FormPipeEmit
import FormPipeIntake

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
    /// Where the output folder of each claimed file is reserved, before the file leaves the inbox.
    public let reservations: OutputFolderReservations?

    public init(inbox: FilePath, session: WorkSession, reservations: OutputFolderReservations? = nil) {
        self.inbox = inbox
        self.session = session
        self.reservations = reservations
    }

    /// Reserves the file's output folder (under its exact name, which only the inbox still knows),
    /// then renames it into `work/`. A reservation whose rename fails is given back; one left by a
    /// `kill -9` between the two is found again by the file's identity when it is claimed later.
    public func claim(_ entry: FilePath.Component) -> Outcome {
        let name = FileNameSanitizer.sanitize(entry.string)
        let target = session.nextClaimPath(for: name)
        let source = inbox.appending(entry)
        let reserved = SystemCalls.linkStatus(source).flatMap { info -> (OutputFolderReservations.Claim, String)? in
            let identity = ClaimedFile.identity(of: info)
            let claim = try? reservations?.reserve(source: FileNameSanitizer.exactName(entry), identity: identity,
                                                   fingerprint: ClaimedFile.fingerprint(of: info))
            return claim.map { ($0, identity) }
        }
        do {
            try SystemCalls.move(source, to: target)
            return .claimed(ClaimedFile(path: target, name: name, recovered: false))
        } catch .noSuchFileOrDirectory {
            if let (claim, identity) = reserved { reservations?.release(claim, identity: identity) }
            return .gone
        } catch {
            if let (claim, identity) = reserved { reservations?.release(claim, identity: identity) }
            return .refused(error)
        }
    }
}
