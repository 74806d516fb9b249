import ArgumentParser
import FormPipe
import Foundation

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert form files into records, XML and a repair log.",
        discussion: """
            For each FILE.ext writes OUT/FILE/ with form-01.json, form-01.xml, …, repairs.jsonl and \
            manifest.json. Exit status: 0 all converted, 1 some failed, 2 usage error.
            """
    )

    @Argument(help: "PDF, OCR text (.txt, .md) or OCR HTML (.html) files.")
    var files: [String]

    @Option(name: .long, help: "Output folder (default: the outbox in pipeline.json, else ./outbox).")
    var out: String?

    @Option(name: .long, help: "The configuration file whose outbox is the default output folder.")
    var config: String = "pipeline.json"

    @Flag(name: .long, help: "Also write debug/ with each page's words, rulings and cells.")
    var debug = false

    func run() throws {
        let outputRoot = URL(fileURLWithPath: out ?? "outbox")
        try FileManager.default.createDirectory(at: outputRoot, withIntermediateDirectories: true)
        let converter = Converter(options: ConversionOptions(debugDump: debug))
        var progress = BatchProgress(total: files.count)
        for path in files {
            let url = URL(fileURLWithPath: path)
            progress.starting(url.lastPathComponent)
            do {
                let summary = try converter.convert(file: url, into: outputRoot)
                progress.converted(summary)
            } catch {
                progress.failed(error)
            }
        }
        progress.finish()
        if progress.failures > 0 { throw ExitCode(1) }
    }
}
