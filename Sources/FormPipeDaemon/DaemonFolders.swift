import Foundation
import SystemPackage
import FormPipeCore
import FormPipeConfig

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

    /// Checks the folders, then creates the missing ones.
    public static func prepare(_ config: PipelineConfig) throws -> DaemonFolders {
        let folders = DaemonFolders(config)
        try folders.checkFileSystems(configName: config.sourceFile.lastPathComponent)
        for (key, path) in folders.all {
            do {
                try FileManager.default.createDirectory(atPath: path.string, withIntermediateDirectories: true)
            } catch {
                throw ConfigError(.unreadable, file: config.sourceFile.lastPathComponent, key: key,
                                  "(\(path)) cannot be created: \(error.localizedDescription)")
            }
        }
        return folders
    }

    /// Checks without creating anything (for `check-config`): folders that exist must be usable.
    public static func check(_ config: PipelineConfig) throws(ConfigError) {
        try DaemonFolders(config).checkFileSystems(configName: config.sourceFile.lastPathComponent)
    }

    private static func device(of path: FilePath) -> UInt64? {
        var candidate = path
        while true {
            if let info = SystemCalls.fileStatus(candidate) { return UInt64(info.st_dev) }
            guard !candidate.isEmpty, candidate.removeLastComponent() else { return nil }
        }
    }

    var all: [(key: String, path: FilePath)] {
        [("inbox", inbox), ("outbox", outbox), ("archive", archive), ("failed", failed), ("work", work)]
    }

    /// The folders renamed into must be on the inbox's file system. A folder that does not exist yet
    /// will be created on its nearest existing parent's file system, which is checked instead.
    public func checkFileSystems(configName: String) throws(ConfigError) {
        guard let inboxDevice = Self.device(of: inbox) else { return }
        for (key, path) in [("work", work), ("archive", archive), ("failed", failed)] {
            guard let device = Self.device(of: path), device != inboxDevice else { continue }
            throw ConfigError(.folderConflict, file: configName, key: key,
                "(\(path)) is on a different file system from 'inbox' (\(inbox)): files are moved by rename, which cannot cross file systems; put them on one")
        }
    }
}
