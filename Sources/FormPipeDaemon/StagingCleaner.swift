#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SystemPackage
import FormPipeEmit

/// Removes half-built output folders that killed workers left in the outbox's staging folder.
///
/// The converter builds each output folder in `outbox/.formpipe-staging/NAME.PID.RANDOM` and renames
/// it into place when complete, so a worker killed at its deadline (or with the daemon) never leaves
/// a partial folder in the outbox itself — only this hidden debris. An entry whose PID is no longer
/// a live process can be removed; the file it belonged to is converted again or has failed.
enum StagingCleaner {
    /// Returns how many abandoned entries were removed.
    @discardableResult
    static func removeAbandoned(in outbox: FilePath) -> Int {
        let staging = outbox.appending(OutputFolderPublisher.stagingFolderName)
        var removed = 0
        for entry in (try? DirectoryListing.names(in: staging)) ?? [] {
            let parts = entry.string.split(separator: ".")
            guard parts.count >= 3, let pid = pid_t(parts[parts.count - 2]), pid > 0 else { continue }
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            if (try? FileManager.default.removeItem(atPath: staging.appending(entry).string)) != nil { removed += 1 }
        }
        return removed
    }
}
