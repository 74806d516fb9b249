import ArgumentParser
import FormPipeReviewServer
import Foundation
import FormPipeReview

/// `formpipe review --serve`: starts the browser review and prints where to open it.
struct ReviewServe {
    /// What makes the decisions: the command line's own, built in `ReviewCommand.run`.
    let documents: DocumentReviewer
    let host: String
    let port: Int
    let reviewer: Reviewer

    func run() async throws {
        let outbox = documents.outbox
        // The pages a folder lacks are written first, so every document has its form to show.
        for problem in documents.refreshIndex() {
            printError("warning: \(problem.message)")
        }
        let server = ReviewServer(
            configuration: .init(documents: documents, host: host, port: port, reviewer: reviewer))
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(host)
        do {
            try await server.run { url in
                var lines = [
                    "formpipe review: serving \(outbox.path) as reviewer \(reviewer.name); Ctrl-C stops.",
                    "Open this URL (it holds the access token):",
                    "    \(url.absoluteString)",
                ]
                if !loopback {
                    lines.append("warning: listening on \(host): other machines can reach it (they still need the token)")
                }
                // Unbuffered: whoever started the server (a person, a test) reads the URL at once.
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            }
        } catch let error as ReviewServer.ListenError {
            printError("error: \(error)")
            throw ExitCode(1)
        } catch {
            printError("error: cannot serve on \(host):\(port): \(error)")
            throw ExitCode(1)
        }
    }
}
