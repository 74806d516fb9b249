#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SystemPackage
import FormPipeCore
import FormPipeIntake

/// This daemon's folder of claimed files, `work/claims/SESSION/`, and the lock that proves it alive.
///
/// Several daemons may share one inbox and one `work/`. Each owns a session folder holding a
/// `.lock` file it keeps `flock`ed for its whole life; the kernel drops the lock when the process
/// dies, however it dies. A session folder whose lock can be taken therefore belongs to a dead
/// daemon, and its files are *adopted*: renamed (atomically, so only one adopter wins each file)
/// into the live session and converted again. Session folders appear atomically — built as
/// `.new-SESSION` with the lock already held, then renamed — so no adopter can see a live session
/// before its lock exists.
public final class WorkSession: Sendable {
    public let claimsRoot: FilePath
    public let directory: FilePath
    private let lock: FileDescriptor
    private let sequence: Locked<Int>

    public static let lockFileName = ".lock"

    private init(claimsRoot: FilePath, directory: FilePath, lock: FileDescriptor) {
        self.claimsRoot = claimsRoot
        self.directory = directory
        self.lock = lock
        self.sequence = Locked(0)
    }

    /// Creates a new session under `work/claims/`.
    public static func open(work: FilePath) throws -> WorkSession {
        let claimsRoot = work.appending("claims")
        try FileManager.default.createDirectory(atPath: claimsRoot.string, withIntermediateDirectories: true)
        let id = "\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        let building = claimsRoot.appending(".new-\(id)")
        try FileManager.default.createDirectory(atPath: building.string, withIntermediateDirectories: false)
        let lock = try FileDescriptor.open(building.appending(lockFileName), .readWrite, options: [.create, .closeOnExec], permissions: [.ownerReadWrite])
        guard flock(lock.rawValue, LOCK_EX | LOCK_NB) == 0 else {
            let error = Errno(rawValue: errno)
            try? lock.close()
            throw error
        }
        let directory = claimsRoot.appending(id)
        do {
            try SystemCalls.move(building, to: directory)
        } catch {
            try? lock.close()
            throw error
        }
        return WorkSession(claimsRoot: claimsRoot, directory: directory, lock: lock)
    }

    /// A fresh, unique path in this session for a file called `name`.
    public func nextClaimPath(for name: String) -> FilePath {
        let number = sequence.withLock { value in
            value += 1
            return value
        }
        return directory.appending(ClaimedFile.fileName(sequence: number, name: name))
    }

    /// Files currently in this session (claimed or adopted, not yet archived or failed).
    public func claimedFiles() -> [ClaimedFile] {
        let names = (try? DirectoryListing.names(in: directory)) ?? []
        return names.compactMap { component in
            guard component.string != Self.lockFileName else { return nil }
            let name = ClaimedFile.parse(fileName: component.string)?.name ?? FileNameSanitizer.sanitize(component.string)
            return ClaimedFile(path: directory.appending(component), name: name, recovered: true)
        }.sorted { $0.path.string < $1.path.string }
    }

    /// Moves the files of dead sessions into this one and removes their folders. Returns the adopted
    /// files; a file another adopter took first is simply skipped.
    public func adoptOrphans() -> [ClaimedFile] {
        guard let sessions = try? DirectoryListing.names(in: claimsRoot) else { return [] }
        var adopted: [ClaimedFile] = []
        for session in sessions where claimsRoot.appending(session) != directory {
            let folder = claimsRoot.appending(session)
            if session.string.hasPrefix(".new-") {
                removeAbandonedBuild(folder)
                continue
            }
            guard let orphanLock = try? FileDescriptor.open(folder.appending(Self.lockFileName), .readWrite, options: [.create, .closeOnExec], permissions: [.ownerReadWrite]) else { continue }
            defer { try? orphanLock.close() }
            guard flock(orphanLock.rawValue, LOCK_EX | LOCK_NB) == 0 else { continue }  // its daemon is alive
            for component in (try? DirectoryListing.names(in: folder)) ?? [] where component.string != Self.lockFileName {
                let name = ClaimedFile.parse(fileName: component.string)?.name ?? FileNameSanitizer.sanitize(component.string)
                let target = nextClaimPath(for: name)
                if (try? SystemCalls.move(folder.appending(component), to: target)) != nil {
                    adopted.append(ClaimedFile(path: target, name: name, recovered: true))
                }
            }
            Self.removeIfEmpty(folder)
        }
        return adopted
    }

    /// Releases the session. Its folder is removed only when empty: files still in it (a shutdown that
    /// outlasted the grace period) stay for the next start to adopt.
    public func close() {
        Self.removeIfEmpty(directory)
        try? lock.close()
    }

    /// Deletes the lock file and then the folder; `rmdir` fails harmlessly if anything else is left.
    private static func removeIfEmpty(_ folder: FilePath) {
        let names = (try? DirectoryListing.names(in: folder)) ?? []
        guard names.allSatisfy({ $0.string == lockFileName }) else { return }
        _ = folder.appending(lockFileName).withPlatformString { unlink($0) }
        _ = folder.withPlatformString { rmdir($0) }
    }

    /// A `.new-` folder is a session that died while being set up (it never claimed anything); one
    /// older than a minute is not being set up any more.
    private func removeAbandonedBuild(_ folder: FilePath) {
        guard let info = SystemCalls.linkStatus(folder), time(nil) - info.st_mtim.tv_sec > 60 else { return }
        Self.removeIfEmpty(folder)
    }
}
