import Foundation

/// Why `pipeline.json` cannot be used. The description is one line naming the file, the key and the
/// problem; the commands print it and exit with ``exitCode`` before anything is started.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case fileNotFound
        case unreadable
        case invalidJSON
        case notAnObject
        case unknownKey
        case wrongType
        case outOfRange
        case folderConflict
    }

    public var kind: Kind
    /// The config file as the user named it.
    public var file: String
    /// The offending key, when there is one.
    public var key: String?
    public var problem: String

    public init(_ kind: Kind, file: String, key: String? = nil, _ problem: String) {
        self.kind = kind
        self.file = file
        self.key = key
        self.problem = problem
    }

    /// The process exit status for a configuration error: 2, like a usage error.
    public static let exitCode: Int32 = 2

    public var description: String {
        if let key { return "\(file): '\(key.withVisibleControlCharacters)' \(problem)" }
        return "\(file): \(problem)"
    }
}
