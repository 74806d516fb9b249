import ArgumentParser
import FormPipeRecord
import FormPipeReviewServer
import Foundation
import FormPipeConfig
import FormPipeReview

struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List what the converter repaired, and correct or accept it.",
        discussion: """
            formpipe review                     one line per document, worst first
            formpipe review NAME                that document's repairs and findings, by form
            formpipe review NAME --set 'form-01:funds[0].executed=43.5076'
            formpipe review NAME --confirm 'form-01:indicators[3].target'   the converter's value is right
            formpipe review NAME --revert R12   put back what the form printed
            formpipe review NAME --accept       mark the document reviewed
            formpipe review --serve             the same in a browser: prints a URL with a token to open

            Decisions go to OUTBOX/NAME/review.json (who, when, what); the document's records and \
            repair log are written again with them, and OUTBOX/NAME/review.html and OUTBOX/index.html \
            are refreshed. An empty value (--set 'form-01:phone=') makes a cell blank.
            Exit status: 0 done, 1 the request does not fit the document (unknown document, field, \
            repair, or a value of the wrong type; nothing changed), 2 usage error.
            """
    )

    @Argument(help: "A converted document: its folder name in the outbox (the input's name without extension).")
    var name: String?

    @Option(name: .long, help: "The outbox (default: the outbox in pipeline.json, else ./outbox).")
    var outbox: String?

    @Option(name: .long, help: "The configuration file whose outbox is the default.")
    var config: String = PipelineConfig.defaultFileName

    @Option(name: .long, help: "Only repairs and findings of this rule (split-number, fill-down, …).")
    var rule: String?

    @Option(name: .long, help: "Only repairs whose confidence is below this (0…1).")
    var below: Double?

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp("Set a field: 'form-NN:PATH=VALUE'. Repeatable.", valueName: "form-NN:PATH=VALUE"))
    var set: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp("Confirm a field's value as converted: 'form-NN:PATH'. Repeatable.", valueName: "form-NN:PATH"))
    var confirm: [String] = []

    @Option(name: .long, help: ArgumentHelp("Revert a repair to the printed text. Repeatable.", valueName: "REPAIR-ID"))
    var revert: [String] = []

    @Flag(name: .long, help: "Mark the document reviewed.")
    var accept = false

    @Option(name: .long, help: "Who the decisions are recorded as (default: the user running formpipe).")
    var reviewer: String?

    @Flag(name: .long, help: "Serve the review in a browser (a local web server; prints the URL to open).")
    var serve = false

    @Option(name: .long, help: "With --serve: the port (default: a free one, printed at start).")
    var port: Int = 0

    @Option(name: .long, help: "With --serve: the address to listen on. Anything but 127.0.0.1 or ::1 lets other machines in.")
    var host: String = "127.0.0.1"

    func validate() throws {
        let decides = !set.isEmpty || !confirm.isEmpty || !revert.isEmpty || accept
        if name == nil, decides {
            throw ValidationError("--set, --confirm, --revert and --accept need the document's NAME")
        }
        if serve, name != nil || decides || json {
            throw ValidationError("--serve takes no NAME, decisions or --json: the decisions are made in the browser")
        }
        if !(0...65535).contains(port) { throw ValidationError("--port takes 0 (any free port) to 65535") }
        if let below, !(0...1).contains(below) { throw ValidationError("--below takes a confidence from 0 to 1") }
        if let reviewer, reviewer.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--reviewer takes a name")
        }
    }

    /// `--reviewer`, else the user running formpipe.
    private var decider: Reviewer {
        reviewer.map { Reviewer(name: $0) } ?? Reviewer.current
    }

    func run() async throws {
        let settings = try loadConfigurationIfPresent(config)
        let reviewer = DocumentReviewer(outbox: try outboxURL(), sinkQueue: settings?.sinkQueue)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: reviewer.outbox.path, isDirectory: &isFolder), isFolder.boolValue
        else {
            printError("error: no outbox folder \(reviewer.outbox.path): convert files first, or pass --outbox DIR")
            throw ExitCode(1)
        }
        if serve {
            // The same DocumentReviewer as the command line's decisions: one place to build it. With
            // a sink, what the browser decides is delivered while the server runs (and whatever
            // the queue held before), beside any daemon doing the same: loads replace, never double.
            let delivery = settings.flatMap(SinkRun.deliverer).map { deliverer in Task { await deliverer.run() } }
            defer { delivery?.cancel() }
            try await ReviewServe(documents: reviewer, host: host, port: port, reviewer: decider).run()
            return
        }
        let output = ReviewOutput(json: json)
        do throws(ReviewError) {
            guard let name else {
                _ = reviewer.refreshIndex()
                let listing = DocumentSummary.all(in: reviewer.outbox)
                output.overview(listing.summaries, problems: listing.problems, outbox: reviewer.outbox)
                return
            }
            let requests = try parseRequests()
            if requests.isEmpty {
                let document = try reviewer.refreshPage(of: name)
                output.document(document, filter: ReviewOutput.Filter(rule: rule, below: below), outbox: reviewer.outbox)
            } else {
                let decisions = try reviewer.apply(requests, to: name, by: decider)
                output.applied(decisions, to: name, outbox: reviewer.outbox)
                if let settings { await SinkRun.deliver(settings, quiet: true) }
            }
        } catch {
            printError("error: \(error.message)")
            throw ExitCode(error.exitCode)
        }
    }

    /// `--set` first, then `--confirm`, `--revert`, and `--accept`: the order the decisions are applied in.
    private func parseRequests() throws(ReviewError) -> [ReviewRequest] {
        var requests: [ReviewRequest] = []
        for argument in set { requests.append(try ReviewRequest.parseSet(argument)) }
        for argument in confirm { requests.append(try ReviewRequest.parseConfirm(argument)) }
        for argument in revert { requests.append(try ReviewRequest.parseRevert(argument)) }
        if accept { requests.append(.accept) }
        return requests
    }

    /// `--outbox`, else the outbox of the configuration file when it exists (a broken one is a
    /// usage error, as for `convert` and `run`), else `./outbox`.
    private func outboxURL() throws -> URL {
        if let outbox { return URL(fileURLWithPath: outbox) }
        return try loadConfigurationIfPresent(config)?.outbox ?? URL(fileURLWithPath: "outbox")
    }
}
