import Foundation
import Hummingbird
import Logging
import NIOCore
import FormPipeReview

/// `formpipe review --serve`: the review in the browser. A small HTTP server on this machine
/// that shows the queue of repairs across the outbox, each with its page crop and the whole
/// form, and turns a reviewer's keys into the same decisions `formpipe review NAME --set`,
/// `--confirm`, `--revert` and `--accept` make — through `DocumentReviewer.apply`, so both
/// front ends write the same `review.json`, records, XML and repair log.
public struct ReviewServer: Sendable {
    public struct Configuration: Sendable {
        /// What makes every decision, over the outbox it names: the command line's own, so both
        /// front ends write the same files (and whatever it passes them on to, the same way).
        public var documents: DocumentReviewer
        public var outbox: URL { documents.outbox }
        /// 127.0.0.1 unless the user asks otherwise: the pages show and change the records.
        public var host: String
        /// 0 lets the system pick a free port; the URL printed at start names it.
        public var port: Int
        /// Who the decisions are recorded as.
        public var reviewer: Reviewer
        /// The secret every request must carry (in the URL once, then as a cookie).
        public var token: String

        public init(
            documents: DocumentReviewer, host: String = "127.0.0.1", port: Int = 0, reviewer: Reviewer,
            token: String? = nil
        ) {
            self.documents = documents
            self.host = host
            self.port = port
            self.reviewer = reviewer
            self.token = token ?? AccessToken.generate()
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Serves until SIGINT or SIGTERM. `onStart` gets the URL to open (with the token) once the
    /// socket is bound, so a port picked by the system is known.
    public func run(onStart: @escaping @Sendable (URL) -> Void) async throws {
        let store = ReviewStore(documents: configuration.documents, reviewer: configuration.reviewer)
        let router = Router()
        router.add(middleware: AccessTokenMiddleware(token: configuration.token))
        ReviewRoutes(store: store, outbox: configuration.outbox, reviewer: configuration.reviewer).register(on: router)
        var logger = Logger(label: "formpipe.review-server")
        logger.logLevel = .warning
        let host = configuration.host
        let token = configuration.token
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "formpipe"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shownHost = host.contains(":") ? "[\(host)]" : host
                onStart(URL(string: "http://\(shownHost):\(port)/?token=\(token)")!)
            },
            logger: logger)
        do {
            try await app.runService()
        } catch let error as IOError {
            throw ListenError(host: host, port: configuration.port, cause: error)
        }
    }

    /// The socket could not be opened, said in terms of the options that set it.
    public struct ListenError: Error, CustomStringConvertible {
        public var host: String
        public var port: Int
        var cause: IOError

        public var description: String {
            let place = "\(host):\(port)"
            switch cause.errnoCode {
            case EADDRINUSE:
                return "cannot serve on \(place): the port is in use; choose another with --port, or leave --port out for a free one"
            case EACCES:
                return "cannot serve on \(place): ports below 1024 need root; choose another with --port"
            case EADDRNOTAVAIL:
                return "cannot serve on \(place): \(host) is not an address of this machine; leave --host out for 127.0.0.1"
            default:
                return "cannot serve on \(place): \(cause)"
            }
        }
    }
}

/// The secret in the URL printed at start, as Jupyter does: anyone who can reach the port but
/// was not shown the URL (another user of the machine, a web page's script) is refused.
public enum AccessToken {
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// Compares without stopping at the first difference, so timing does not reveal a prefix.
    static func matches(_ candidate: some StringProtocol, _ token: String) -> Bool {
        let lhs = Array(candidate.utf8)
        let rhs = Array(token.utf8)
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
