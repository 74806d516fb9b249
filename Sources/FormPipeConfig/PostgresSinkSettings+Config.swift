import Foundation

extension PostgresSinkSettings {
    /// The `postgres` value of `pipeline.json`: a URL string, or
    /// `{"url": "postgresql://…", "passwordFile": "secret/pg", "passwordEnv": "FORMPIPE_PG_PASSWORD"}`
    /// with at most one of the two password keys (a relative `passwordFile` is relative to the
    /// configuration file's folder). Messages never repeat the value: it might hold a password.
    init(config value: ConfigValue, directory: URL) throws(PostgresSinkError) {
        switch value {
        case .string(let url):
            try self.init(url: url)
        case .object(let members):
            let known: Set = ["url", "passwordFile", "passwordEnv"]
            if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
                throw .settings("has no key '\(unknown)': use url, and passwordFile or passwordEnv")
            }
            guard case .string(let url)? = members["url"] else {
                throw .settings("needs \"url\": \"postgresql://USER@HOST[:PORT]/DATABASE\"")
            }
            var password = PasswordSource.environment(Self.defaultPasswordVariable)
            switch (members["passwordFile"], members["passwordEnv"]) {
            case (.some, .some):
                throw .settings("takes passwordFile or passwordEnv, not both")
            case (.string(let path)?, nil) where !path.isEmpty:
                password = .file(path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path))
            case (nil, .string(let name)?) where !name.isEmpty && !name.contains("="):
                password = .environment(name)
            case (nil, nil):
                break
            default:
                throw .settings("passwordFile must be a file path and passwordEnv the name of an environment variable")
            }
            try self.init(url: url, password: password)
        default:
            throw .settings("must be a URL string or an object with \"url\"")
        }
    }
}
