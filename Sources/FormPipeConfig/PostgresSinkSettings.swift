import Foundation

/// Where the PostgreSQL sink writes: `"postgres"` in `pipeline.json`.
///
/// The URL carries no password: configuration files are copied, committed and pasted into
/// tickets. The password comes from a file (`passwordFile`, e.g. a mounted secret) or an
/// environment variable (`passwordEnv`, default `PGPASSWORD`), is read when a connection is made,
/// and appears in no log line, message or `description`.
public struct PostgresSinkSettings: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var password: PasswordSource

    public enum PasswordSource: Sendable, Equatable {
        /// An environment variable, read at connection time; unset means no password.
        case environment(String)
        /// A file whose first line is the password.
        case file(URL)
    }

    public static let defaultPasswordVariable = "PGPASSWORD"

    public init(host: String, port: Int = 5432, user: String, database: String,
                password: PasswordSource = .environment(PostgresSinkSettings.defaultPasswordVariable)) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.password = password
    }

    /// Reads `postgresql://USER@HOST[:PORT]/DATABASE` (or `postgres://`).
    public init(url text: String, password: PasswordSource = .environment(PostgresSinkSettings.defaultPasswordVariable)) throws(PostgresSinkError) {
        guard let components = URLComponents(string: text),
              components.scheme == "postgresql" || components.scheme == "postgres",
              let host = components.host, !host.isEmpty
        else {
            throw .settings("must be a URL such as postgresql://formpipe@127.0.0.1:5432/forms")
        }
        guard components.password == nil else {
            throw .settings("must not contain a password: put it in a file (\"passwordFile\") or an environment variable (\"passwordEnv\", default PGPASSWORD)")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard let user = components.user, !user.isEmpty, !database.isEmpty, !database.contains("/") else {
            throw .settings("must name a user and a database: postgresql://USER@HOST[:PORT]/DATABASE")
        }
        self.init(host: host, port: components.port ?? 5432, user: user.removingPercentEncoding ?? user,
                  database: database.removingPercentEncoding ?? database, password: password)
    }

    /// The URL without any secret: what logs and messages show.
    public var description: String {
        "postgresql://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    /// The password, read now (a rotated secret is picked up at the next connection).
    package func readPassword() throws(PostgresSinkError) -> String? {
        switch password {
        case .environment(let name):
            return ProcessInfo.processInfo.environment[name]
        case .file(let url):
            do {
                let text = try String(contentsOf: url, encoding: .utf8)
                return String(text.prefix { $0 != "\n" && $0 != "\r" })
            } catch {
                throw .settings("cannot read the password file \(url.path): \(error.localizedDescription)")
            }
        }
    }
}

/// What can go wrong between formpipe and its database, as one line a user can act on.
public enum PostgresSinkError: Error, CustomStringConvertible {
    /// The `postgres` setting is unusable.
    case settings(String)
    /// The database was migrated by a newer formpipe.
    case newerSchema(found: Int, known: Int)
    /// The server could not be reached or dropped the connection; retried later.
    case unreachable(String, String)
    /// The server refused one document's rows; retrying the same bytes cannot help.
    case rejected(String, String)

    public var description: String {
        switch self {
        case .settings(let message): message
        case .newerSchema(let found, let known):
            "the database has formpipe schema version \(found), newer than this formpipe's \(known): upgrade formpipe"
        case .unreachable(let target, let reason): "cannot reach \(target): \(reason)"
        case .rejected(let folder, let reason): "\(folder): the database refused the rows: \(reason)"
        }
    }
}
