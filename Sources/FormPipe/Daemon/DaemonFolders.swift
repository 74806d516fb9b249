import Foundation
import SystemPackage

/// The daemon's five folders, created if missing and checked to share one file system with the
/// inbox: claiming, archiving and failing are renames, which cannot cross file systems (and a copy
/// would not be atomic).
public struct DaemonFolders: Sendable {
    public var inbox: FilePath
    public var outbox: FilePath
    public var archive: FilePath
    public var failed: FilePath
    public var work: FilePath

    init(_ config: PipelineConfig) {
        inbox = FilePath(config.inbox.path)
        outbox = FilePath(config.outbox.path)
        archive = FilePath(config.archive.path)
        failed = FilePath(config.failed.path)
        work = FilePath(config.work.path)
    }

    /// Creates missing folders and checks them.
    public static func prepare(_ config: PipelineConfig) throws -> DaemonFolders {
        let folders = DaemonFolders(config)
        for (key, path) in folders.all {
            do {
                try FileManager.default.createDirectory(atPath: path.string, withIntermediateDirectories: true)
            } catch {
                throw ConfigError(.unreadable, file: config.sourceFile.lastPathComponent, key: key,
                                  "(\(path)) cannot be created: \(error.localizedDescription)")
            }
        }
        try folders.checkFileSystems(configName: config.sourceFile.lastPathComponent)
        return folders
    }

    /// Checks without creating anything (for `check-config`): folders that exist must be usable.
    public static func check(_ config: PipelineConfig) throws(ConfigError) {
        try DaemonFolders(config).checkFileSystems(configName: config.sourceFile.lastPathComponent)
    }

    var all: [(key: String, path: FilePath)] {
        [("inbox", inbox), ("outbox", outbox), ("archive", archive), ("failed", failed), ("work", work)]
    }

    /// Checks the folders that exist; the ones renamed into must be on the inbox's file system.
    public func checkFileSystems(configName: String) throws(ConfigError) {
        guard let inboxDevice = SystemCalls.fileStatus(inbox)?.st_dev else { return }
        for (key, path) in [("work", work), ("archive", archive), ("failed", failed)] {
            guard let device = SystemCalls.fileStatus(path)?.st_dev, device != inboxDevice else { continue }
            throw ConfigError(.folderConflict, file: configName, key: key,
                "(\(path)) is on a different file system from 'inbox' (\(inbox)): files are moved by rename, which cannot cross file systems; put them on one")
        }
    }
}
