import ArgumentParser
import Foundation
import FormPipeConfig
import FormPipeDaemon

/// `formpipe check-config`: validates the settings without starting anything.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate pipeline.json without starting the daemon.",
        discussion: "Prints the settings in effect and exits 0, or prints one line naming the key and the problem and exits 2.")

    @OptionGroup var options: ConfigOption

    func run() throws {
        let config = try options.load()
        do {
            try DaemonFolders.check(config)
        } catch {
            printError(error.description)
            throw ExitCode(ConfigError.exitCode)
        }
        print("""
            \(options.config): OK
              inbox    \(config.inbox.path)
              outbox   \(config.outbox.path)
              archive  \(config.archive.path)
              failed   \(config.failed.path)
              work     \(config.work.path)
              workers \(config.workers), settle \(config.settleSeconds.plainText) s, rescan \(config.rescanSeconds.plainText) s\(config.pollingOnly ? " (polling only)" : ""), \
            time limit \(config.fileTimeoutSeconds.plainText) s, memory \(config.workerMemoryMB == 0 ? "unlimited" : "\(config.workerMemoryMB) MB"), \
            max file \(config.maxFileMB.plainText) MB
              formats \(config.outputFormats.map(\.rawValue).joined(separator: ", ")), log \(config.logFormat.rawValue) at \(config.logLevel.rawValue), OCR \(config.ocrEngine.rawValue) \(config.ocrLanguages)
            """)
        if let postgres = config.postgres { print("  postgres \(postgres)") }
    }
}
