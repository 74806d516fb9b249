import ArgumentParser
import FormPipe
import Foundation

/// `--config PATH`, shared by the daemon commands.
struct ConfigOption: ParsableArguments {
    @Option(name: .shortAndLong, help: "The daemon's settings file; folder paths in it are relative to its folder.")
    var config: String = PipelineConfig.defaultFileName

    /// The validated settings, or the one-line error on stderr and exit status 2.
    func load() throws -> PipelineConfig {
        do {
            return try PipelineConfig.load(from: URL(fileURLWithPath: config))
        } catch {
            printError(error.description)
            throw ExitCode(ConfigError.exitCode)
        }
    }
}

/// Writes one line to stderr.
func printError(_ line: String) {
    FileHandle.standardError.write(Data("formpipe: \(line)\n".utf8))
}
