import ArgumentParser
import Foundation
import FormPipeDaemon

/// `formpipe status`: counts from the folders and `work/`; works whether or not a daemon runs.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show waiting, processing, done and failed counts and the last failures.")

    @OptionGroup var options: ConfigOption

    @Flag(help: "Print the status as JSON.")
    var json = false

    @Option(help: "How many recent failures to list.")
    var failures = 5

    func run() throws {
        let config = try options.load()
        let status = DaemonStatus.collect(config, lastFailures: failures)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
        } else {
            print(status.render(config: config))
        }
    }
}
