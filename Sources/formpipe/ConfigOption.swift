import ArgumentParser
import Foundation
import FormPipeConfig

/// `--config PATH`, shared by the daemon commands.
struct ConfigOption: ParsableArguments {
    @Option(name: .shortAndLong, help: "The daemon's settings file; folder paths in it are relative to its folder.")
    var config: String = PipelineConfig.defaultFileName

    /// The validated settings, or the one-line error on stderr and exit status 2.
    func load() throws -> PipelineConfig {
        try loadConfiguration(config)
    }
}

/// The settings in `path`; a broken file is printed as one line and is a usage error (exit 2).
func loadConfiguration(_ path: String) throws -> PipelineConfig {
    do {
        return try PipelineConfig.load(from: URL(fileURLWithPath: path))
    } catch {
        printError(error.description)
        throw ExitCode(ConfigError.exitCode)
    }
}

/// The same, or nil when there is no file at `path`: `convert` and `review` then use the defaults.
func loadConfigurationIfPresent(_ path: String) throws -> PipelineConfig? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    return try loadConfiguration(path)
}

/// Writes one line to stderr.
func printError(_ line: String) {
    FileHandle.standardError.write(Data("formpipe: \(line)\n".utf8))
}
