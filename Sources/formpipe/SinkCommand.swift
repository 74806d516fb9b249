import ArgumentParser
import Foundation
import FormPipeEmit

/// `formpipe sink`: delivers what waits in the sink queue; `--replay` loads a whole outbox.
struct SinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sink",
        abstract: "Write the documents waiting in the sink queue to PostgreSQL; --replay loads a whole outbox.",
        discussion: """
            The daemon, convert and review write the database themselves; this command catches up \
            after an outage while no daemon runs, or loads an outbox converted before the sink was \
            configured (--replay). Loading is idempotent: a document's rows are replaced, never doubled.
            Exit status: 0 everything written, 1 the database could not be reached or refused a \
            document (what was not written stays queued), 2 usage or configuration error.
            """)

    @OptionGroup var options: ConfigOption

    @Flag(name: .long, help: "Queue every document of OUTBOX (default: the outbox in the configuration) first.")
    var replay = false

    @Argument(help: "The outbox to replay (with --replay).")
    var outbox: String?

    func validate() throws {
        if outbox != nil, !replay { throw ValidationError("OUTBOX is read only with --replay") }
    }

    func run() async throws {
        let config = try options.load()
        guard config.postgres != nil else {
            printError("error: \(config.sourceFile.path) has no \"postgres\" setting: add \"postgres\": \"postgresql://USER@HOST/DATABASE\"")
            throw ExitCode(2)
        }
        var folders: [String] = []
        let outboxURL = outbox.map { URL(fileURLWithPath: $0) } ?? config.outbox
        if replay {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: outboxURL.path)) ?? []
            folders = names.filter { name in
                !name.hasPrefix(".")
                    && FileManager.default.fileExists(atPath: outboxURL.appendingPathComponent(name).appendingPathComponent(OutputFileName.manifest).path)
            }.sorted()
            guard !folders.isEmpty else {
                printError("error: no converted documents in \(outboxURL.path)")
                throw ExitCode(1)
            }
        }
        guard let round = await SinkRun.deliver(config, queueing: folders, outbox: outboxURL) else { return }
        if round.outage != nil || round.rejected > 0 { throw ExitCode(1) }
    }
}
