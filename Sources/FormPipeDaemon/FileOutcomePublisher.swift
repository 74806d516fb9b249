#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SystemPackage
import FormPipeCore
import FormPipeIntake

/// Moves a finished input out of `work/`: to `archive/` after success (or as a duplicate), to
/// `failed/` with `NAME.error.json` beside it after failure. Never replaces anything: a taken name
/// gets `-2`, `-3`, … before its extension.
///
/// Every move is a single `renameat2(RENAME_NOREPLACE)`, so the input is at any instant in exactly one
/// place. A failure needs two files; the report is published first and the input second. A daemon
/// killed between the two leaves a report whose input is still in `work/`; converted again after the
/// restart, the input fails again and finds that report carrying its own device and inode, and reuses
/// its name — so the pair still ends up complete and single.
public struct FileOutcomePublisher: Sendable {
    public let archive: FilePath
    public let failed: FilePath

    public init(archive: FilePath, failed: FilePath) {
        self.archive = archive
        self.failed = failed
    }

    public enum PublishError: Error, CustomStringConvertible {
        case move(String, Errno)
        case noFreeName(String)
        case writeReport(String, String)

        public var description: String {
            switch self {
            case .move(let what, let errno): "cannot move \(what): \(errno)"
            case .writeReport(let path, let problem): "cannot write \(path): \(problem)"
            case .noFreeName(let name): "no free name for \(name) after 10000 tries"
            }
        }
    }

    private static let maximumVariants = 10_000

    /// Moves the file into `archive/`; returns the name it got there.
    public func archive(_ file: ClaimedFile) throws(PublishError) -> String {
        for number in 1...Self.maximumVariants {
            let candidate = FileNameSanitizer.variant(of: file.name, number: number)
            do {
                try SystemCalls.moveWithoutReplacing(file.path, to: archive.appending(candidate))
                return candidate
            } catch .fileExists {
                continue
            } catch {
                throw .move("\(file.path) to \(archive)", error)
            }
        }
        throw .noFreeName(file.name)
    }

    /// Moves the file into `failed/` with its report; `report.file` is filled in. Returns the name.
    public func fail(_ file: ClaimedFile, report: FailureReport) throws(PublishError) -> String {
        var report = report
        if let info = SystemCalls.linkStatus(file.path) {
            report.source = .init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        }
        for number in 1...Self.maximumVariants {
            let candidate = FileNameSanitizer.variant(of: file.name, number: number)
            let target = failed.appending(candidate)
            let reportPath = failed.appending(candidate + FailureReport.suffix)
            if SystemCalls.linkStatus(target) != nil { continue }
            report.file = candidate
            let reusing: Bool
            if SystemCalls.linkStatus(reportPath) != nil {
                // A report without its input: ours from before a crash (same file identity), or
                // another daemon's in the middle of its two moves — never touch that one.
                guard let earlier = try? Data(contentsOf: URL(fileURLWithPath: reportPath.string)),
                      FailureReport.decode(earlier)?.source == report.source else { continue }
                reusing = true
            } else {
                reusing = false
            }
            guard try writeReport(report, to: reportPath, replacing: reusing) else { continue }
            do {
                try SystemCalls.moveWithoutReplacing(file.path, to: target)
                return candidate
            } catch .fileExists {
                _ = reportPath.withPlatformString { unlink($0) }
                continue
            } catch {
                throw .move("\(file.path) to \(failed)", error)
            }
        }
        throw .noFreeName(file.name)
    }

    /// Writes the report to a hidden temporary file and renames it into place. Returns false when
    /// another report took the name first.
    private func writeReport(_ report: FailureReport, to path: FilePath, replacing: Bool) throws(PublishError) -> Bool {
        let temporary = failed.appending(".\(report.file).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try report.encoded().write(to: URL(fileURLWithPath: temporary.string))
        } catch {
            throw .writeReport(temporary.string, error.localizedDescription)
        }
        do {
            if replacing {
                try SystemCalls.move(temporary, to: path)
            } else {
                try SystemCalls.moveWithoutReplacing(temporary, to: path)
            }
            return true
        } catch {
            _ = temporary.withPlatformString { unlink($0) }
            if error == .fileExists { return false }
            throw .move("report for \(report.file) into \(failed)", error)
        }
    }

    /// Removes report temporaries a killed daemon left in `failed/` (hidden `.tmp` files older than a
    /// minute — younger ones may be another daemon's, being written right now).
    public func removeStaleTemporaries() {
        let names = (try? DirectoryListing.names(in: failed)) ?? []
        for name in names where name.string.hasPrefix(".") && name.string.hasSuffix(".tmp") {
            let path = failed.appending(name)
            if let info = SystemCalls.linkStatus(path), time(nil) - info.st_mtim.tv_sec > 60 {
                _ = path.withPlatformString { unlink($0) }
            }
        }
    }
}
