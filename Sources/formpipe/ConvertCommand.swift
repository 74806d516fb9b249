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
        let (outputRoot, options) = try resolveOutput()
        do {
            try FileManager.default.createDirectory(at: outputRoot, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("cannot create the output folder \(outputRoot.path): \(error.localizedDescription)")
        }
        var batchOptions = options
        batchOptions.refreshReviewIndex = false
        let converter = Converter(options: batchOptions)
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
        // One index refresh for the whole batch rather than one per file.
        if progress.failures < files.count { _ = try? ReviewIndexWriter.refresh(outbox: outputRoot) }
        progress.finish()
        if progress.failures > 0 { throw ExitCode(1) }
    }

    /// `--out` wins; otherwise the outbox and output formats of `pipeline.json` when it exists,
    /// else `./outbox`. A broken configuration is a usage error, as for `run`.
    private func resolveOutput() throws -> (URL, ConversionOptions) {
        var options = ConversionOptions(debugDump: debug)
        let configURL = URL(fileURLWithPath: config)
        guard FileManager.default.fileExists(atPath: configURL.path) else {
            return (URL(fileURLWithPath: out ?? "outbox"), options)
        }
        let settings: PipelineConfig
        do {
            settings = try PipelineConfig.load(from: configURL)
        } catch {
            printError(error.description)
            throw ExitCode(ConfigError.exitCode)
        }
        options.formats = Set(settings.outputFormats)
        options.maxFileBytes = Int(settings.maxFileMB * 1_048_576)
        options.ocrLanguages = settings.ocrLanguages
        return (out.map { URL(fileURLWithPath: $0) } ?? settings.outbox, options)
    }
}
