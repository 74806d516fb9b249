import ArgumentParser
import Foundation
import FormPipeEmit

@main
struct FormPipeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formpipe",
        abstract: "Turns scanned and OCR'd 项目支出绩效自评表 forms into JSON and XML records, logging every repair.",
        version: FormPipeVersion.current,
        subcommands: [RunCommand.self, ConvertCommand.self, ReviewCommand.self, StatusCommand.self, SinkCommand.self, ExportCommand.self, CheckConfigCommand.self, SchemaCommand.self, WorkerCommand.self],
        defaultSubcommand: RunCommand.self
    )

    /// Usage errors exit with 2 (the convention formpipe documents), not ArgumentParser's 64.
    static func main() async {
        OpenMPThreadLimit.reexecIfUnset()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                // One line, as every formpipe error: what is wrong and what to do; --help has the usage.
                FileHandle.standardError.write(Data(("formpipe: error: " + message(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
