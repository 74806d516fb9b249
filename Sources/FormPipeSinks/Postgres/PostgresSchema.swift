import Foundation
import Logging
import PostgresNIO
import FormPipeConfig

/// The tables, views and loader function formpipe keeps in its database, created and migrated by
/// formpipe itself.
///
/// Each version is a list of SQL scripts applied once, in order, inside one transaction that
/// also records the version in `formpipe_schema`. An advisory lock makes daemons starting at the
/// same time against one database take turns: the first migrates, the others find it done.
/// A database migrated by a newer formpipe (a version this one does not know) is refused rather
/// than written with rows the newer loader would not expect.
public enum PostgresSchema {
    /// The scripts of each version; `versions[0]` is version 1.
    static let versions: [[String]] = [
        [version1Tables, version1Loader, version1Views],
        [version2BatchLoader],
        [version3Statistics],
    ]

    public static var currentVersion: Int { versions.count }

    /// Any number unique to formpipe: the advisory lock held while migrating.
    private static let migrationLock: Int64 = 0x666F_726D_7069_7065  // "formpipe"

    /// Brings the database to ``currentVersion``; returns the version it found.
    @discardableResult
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws -> Int {
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS formpipe_schema (version integer NOT NULL, migrated_at timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            var found = 0
            for try await version in try await connection.query(
                "SELECT coalesce(max(version), 0) FROM formpipe_schema", logger: logger
            ).decode(Int.self) {
                found = version
            }
            guard found <= currentVersion else {
                throw PostgresSinkError.newerSchema(found: found, known: currentVersion)
            }
            for version in found..<currentVersion {
                for script in versions[version] {
                    for statement in statements(in: script) {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                }
                let number = version + 1
                try await connection.query("INSERT INTO formpipe_schema (version) VALUES (\(number))", logger: logger)
            }
            return found
        }
    }

    /// The statements of a script, one by one: the extended query protocol PostgresNIO speaks
    /// takes a single statement. A statement ends with `;` at the end of a line outside a
    /// `$$`-quoted function body.
    static func statements(in script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var insideBody = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            current += line + "\n"
            if line.components(separatedBy: "$$").count % 2 == 0 { insideBody.toggle() }
            if !insideBody, line.trimmingCharacters(in: .whitespaces).hasSuffix(";") {
                statements.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }
}
