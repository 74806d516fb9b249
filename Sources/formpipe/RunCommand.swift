import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import FormPipeConfig
import FormPipeDaemon

/// `formpipe run` (also plain `formpipe`): the inbox daemon, in the foreground, logging to stderr.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch the inbox and convert every file dropped there (the default command).",
        discussion: """
            Stops on SIGTERM or SIGINT after the files in flight finish (up to shutdownGraceSeconds) \
            and exits 0. Exits 2 when the configuration is invalid, before starting anything.
            """)

    @OptionGroup var options: ConfigOption

    func run() async throws {
        let config = try options.load()
        LoggingSystem.bootstrap { label in
            var handler = LineLogHandler(label: label, format: config.logFormat)
            handler.logLevel = config.logLevel
            return handler
        }
        let logger = Logger(label: "formpipe")
        let daemon = InboxDaemon(config: config, workerExecutable: Self.executablePath(), logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: daemon)], gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "formpipe.lifecycle"))
        // The daemon bounds its own drain with shutdownGraceSeconds; this is only the backstop.
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(config.shutdownGraceSeconds + 30)
        do {
            try await ServiceGroup(configuration: groupConfiguration).run()
        } catch let error as ConfigError {
            printError(error.description)
            throw ExitCode(ConfigError.exitCode)
        } catch {
            printError("the daemon stopped: \(error)")
            throw ExitCode.failure
        }
    }

    /// This binary, which workers are started from (`formpipe worker`).
    static func executablePath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
