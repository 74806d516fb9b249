import ArgumentParser
import FormPipe

@main
struct FormPipeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formpipe",
        abstract: "Turns scanned and OCR'd 项目支出绩效自评表 forms into JSON and XML records, logging every repair.",
        version: FormPipeVersion.current,
        subcommands: [RunCommand.self, ConvertCommand.self, ReviewCommand.self, StatusCommand.self, CheckConfigCommand.self, WorkerCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
