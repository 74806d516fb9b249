import ArgumentParser
import FormPipe
import Foundation

struct ConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert form files into records, XML and a repair log.",
        discussion: """
            For each FILE.ext writes OUT/FILE/ with form-01.json, form-01.xml, …, repairs.jsonl and \
            manifest.json. Several files are converted at once, each in its own worker process \
            (--jobs). Exit status: 0 all converted, 1 some failed, 2 usage error.
            """
    )

    @Argument(help: "PDF, OCR text (.txt, .md) or OCR HTML (.html) files.")
    var files: [String]

    @Option(name: .long, help: "Output folder (default: the outbox in pipeline.json, else ./outbox).")
    var out: String?

    @Option(name: .long, help: "The configuration file whose outbox is the default output folder.")
    var config: String = PipelineConfig.defaultFileName

    @Flag(name: .long, help: "Also write debug/ with each page's words, rulings and cells.")
    var debug = false

    @Option(name: .long, help: "Files converted at once, each in its own worker process (0: one per CPU core).")
    var jobs = 0

    func validate() throws {
        guard jobs >= 0 else { throw ValidationError("--jobs must be 0 (one per CPU core) or more, not \(jobs)") }
    }

    func run() async throws {
        let (outputRoot, options, fileTimeoutSeconds) = try resolveOutput()
        do {
            try FileManager.default.createDirectory(at: outputRoot, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("cannot create the output folder \(outputRoot.path): \(error.localizedDescription)")
        }
        var batchOptions = options
        batchOptions.refreshReviewIndex = false
        var progress = BatchProgress(total: files.count)
        let urls = files.map { URL(fileURLWithPath: $0) }
        let jobs = jobs == 0 ? ProcessInfo.processInfo.activeProcessorCount : jobs
        if urls.count > 1, jobs > 1 {
            let batch = ParallelBatch(workerExecutable: RunCommand.executablePath(), jobs: jobs, options: batchOptions,
                                      fileTimeoutSeconds: fileTimeoutSeconds)
            await batch.convert(urls, into: outputRoot) { event in
                switch event {
                case .started(let url): progress.starting(url.lastPathComponent)
                case .finished(_, .success(let summary)): progress.converted(summary)
                case .finished(_, .failure(let error)): progress.failed(error)
                }
            }
        } else {
            // One file, or --jobs 1: in this process, without the cost of starting a worker.
            let converter = Converter(options: batchOptions)
            for url in urls {
                progress.starting(url.lastPathComponent)
                do {
                    let summary = try converter.convert(file: url, into: outputRoot)
                    progress.converted(summary)
                } catch {
                    progress.failed(error)
                }
            }
        }
        // One index refresh for the whole batch rather than one per file.
        if progress.failures < files.count { _ = try? ReviewIndexWriter.refresh(outbox: outputRoot) }
        progress.finish()
        if let settings = try loadConfigurationIfPresent(config) {
            await SinkRun.deliver(settings, queueing: progress.outputFolders, outbox: outputRoot)
        }
        if progress.failures > 0 { throw ExitCode(1) }
    }

    /// `--out` wins; otherwise the outbox and output formats of `pipeline.json` when it exists,
    /// else `./outbox`. A broken configuration is a usage error, as for `run`. Also the time limit
    /// of one file in a worker (`fileTimeoutSeconds`).
    private func resolveOutput() throws -> (URL, ConversionOptions, Double) {
        guard let settings = try loadConfigurationIfPresent(config) else {
            let defaults = PipelineConfig(directory: URL(fileURLWithPath: config).deletingLastPathComponent())
            return (URL(fileURLWithPath: out ?? "outbox"), ConversionOptions(debugDump: debug), defaults.fileTimeoutSeconds)
        }
        var options = settings.conversionOptions
        options.debugDump = debug
        return (out.map { URL(fileURLWithPath: $0) } ?? settings.outbox, options, settings.fileTimeoutSeconds)
    }
}
