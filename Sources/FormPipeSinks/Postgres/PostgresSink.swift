import Foundation
import Logging
import PostgresNIO
import FormPipeConfig

/// Writes documents into PostgreSQL: one connection, kept open between documents, opened again
/// after a failure. The schema is brought up to date once per connection.
public actor PostgresSink {
    public let settings: PostgresSinkSettings
    private let logger: Logger
    private var connection: PostgresConnection?
    private var nextConnectionID = 1

    /// `logger` receives formpipe's own events; PostgresNIO's internal events go to a logger at
    /// `warning` so a busy sink does not flood the daemon's log with per-query lines.
    public init(settings: PostgresSinkSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// What became of one bundle.
    public enum Outcome: Sendable, Equatable {
        case loaded
        /// The database already holds a newer publication of this document.
        case stale
    }

    /// Writes one document in one transaction, replacing any rows it had.
    public func write(_ bundle: DocumentBundle) async throws(PostgresSinkError) -> Outcome {
        try await write([bundle])[0]
    }

    /// Writes several documents in one statement and one transaction, replacing any rows they
    /// had: all are committed or none. A document the server refuses fails the whole batch with
    /// `.rejected` naming the batch's first folder; ``SinkDeliverer`` then writes that batch's
    /// documents one by one, so only the bad one is set aside. One outcome per bundle, in order.
    public func write(_ bundles: [DocumentBundle]) async throws(PostgresSinkError) -> [Outcome] {
        guard let first = bundles.first else { return [] }
        let connection = try await connected()
        do {
            var json = "["
            json.reserveCapacity(bundles.reduce(2) { $0 + $1.json.utf8.count + 1 })
            for (index, bundle) in bundles.enumerated() {
                if index > 0 { json += "," }
                json += bundle.json
            }
            json += "]"
            let query: PostgresQuery = "SELECT formpipe_load_documents(\(json)::jsonb)"
            var outcomes: [Outcome]?
            for try await texts in try await connection.query(query, logger: quietLogger).decode([String].self) {
                outcomes = texts.map { $0 == "stale" ? .stale : .loaded }
            }
            // The function always answers one row with one outcome per bundle. A connection the
            // server closes while stopping can end the rows without an error and without that row:
            // nothing was committed, so the documents stay queued (loading again replaces, never doubles).
            guard let outcomes, outcomes.count == bundles.count else {
                throw PostgresSinkError.unreachable("\(settings)", "the server ended the reply without a result")
            }
            return outcomes
        } catch let error as PostgresSinkError {
            dropConnection()
            throw error
        } catch {
            throw classify(error, folder: first.folder)
        }
    }

    /// Opens the connection and migrates the schema, or throws `.unreachable`.
    public func connect() async throws(PostgresSinkError) {
        _ = try await connected()
    }

    public func close() async {
        guard let connection else { return }
        self.connection = nil
        try? await connection.close()
    }

    private func connected() async throws(PostgresSinkError) -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        var configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: try settings.readPassword(),
            database: settings.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        let id = nextConnectionID
        nextConnectionID += 1
        do {
            let opened = try await PostgresConnection.connect(configuration: configuration, id: id, logger: quietLogger)
            do {
                let found = try await PostgresSchema.migrate(opened, logger: quietLogger)
                if found < PostgresSchema.currentVersion {
                    logger.notice("database schema migrated", metadata: [
                        "formpipe.database": "\(settings)", "formpipe.from": "\(found)", "formpipe.to": "\(PostgresSchema.currentVersion)",
                    ])
                }
            } catch {
                try? await opened.close()
                throw error
            }
            connection = opened
            return opened
        } catch let error as PostgresSinkError {
            throw error
        } catch {
            throw classify(error, folder: nil)
        }
    }

    /// A server's refusal of the data (SQL state classes 22 data exception, 23 integrity) is the
    /// document's fault and is not retried; anything else — refused connections, a server shutting
    /// down, timeouts — is an outage, retried with backoff. The connection is dropped either way.
    private func classify(_ error: any Error, folder: String?) -> PostgresSinkError {
        let reason = Self.describe(error)
        if let folder, let state = Self.sqlState(error), state.hasPrefix("22") || state.hasPrefix("23") {
            return .rejected(folder, reason)
        }
        dropConnection()
        return .unreachable("\(settings)", reason)
    }

    private func dropConnection() {
        guard let connection else { return }
        self.connection = nil
        Task { try? await connection.close() }
    }

    private static func sqlState(_ error: any Error) -> String? {
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] }
        if let error = error as? PostgresTransactionError {
            return error.closureError.flatMap(sqlState) ?? error.commitError.flatMap(sqlState)
        }
        return nil
    }

    /// PSQLError's description hides the server's message for privacy; ours shows it (it holds
    /// no password: the server never echoes one).
    private static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return "\(message) (SQL state \(error.serverInfo?[.sqlState] ?? "?"))"
            }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError ?? error.beginError ?? error.commitError { return describe(inner) }
        }
        return "\(error)"
    }

    private var quietLogger: Logger {
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        return quiet
    }
}
