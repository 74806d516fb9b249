import ArgumentParser
import Foundation
import FormPipeConfig
import FormPipeDaemon
import FormPipePipeline
import FormPipeReview

struct ConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert form files into records, XML and a repair log.",
        discussion: """
            For each FILE.ext writes OUT/FILE/ with form-01.json, form-01.xml, …, repairs.jsonl and \
            manifest.json. Several files are converted at once, each in its own worker process \
            (--jobs). A file with tables but no known form gets OUT/FILE/tables.json and counts as \
            unrecognized. Exit status: 0 all converted, 1 some failed, 2 usage error, 3 none failed \
            but some were unrecognized.
            """
    )

    /// Exit status when no file failed but some held no known form (docs/tables.md).
    static let someUnrecognized: Int32 = 3

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
        let (outputRoot, options, limits) = try resolveOutput()
        do {
            try FileManager.default.createDirectory(at: outputRoot, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("cannot create the output folder \(outputRoot.path): \(error.localizedDescription)")
        }
        guard access(outputRoot.path, W_OK | X_OK) == 0 else {
            throw ValidationError("cannot write into the output folder \(outputRoot.path): \(String(cString: strerror(errno))); choose another --out")
        }
        var batchOptions = options
        batchOptions.refreshReviewIndex = false
        var progress = BatchProgress(total: files.count)
        let inputs = InputArguments.resolve(files)
        let jobs = jobs == 0 ? ProcessInfo.processInfo.activeProcessorCount : jobs
        // Always in worker processes, even one file: the daemon's time and memory limits need a
        // process boundary (a Poppler or Tesseract call cannot be interrupted), and the outputs are
        // byte-identical either way.
        var batch = ParallelBatch(workerExecutable: RunCommand.executablePath(), jobs: jobs, options: batchOptions,
                                  fileTimeoutSeconds: limits.fileTimeoutSeconds)
        batch.memoryLimitMB = limits.workerMemoryMB
        await batch.convert(inputs, into: outputRoot) { event in
            switch event {
            case .started(let url): progress.starting(url.lastPathComponent)
            case .finished(_, .success(let summary)): progress.converted(summary)
            case .finished(_, .failure(let error)): progress.failed(error)
            }
        }
        // One index refresh for the whole batch rather than one per file.
        if progress.failures < files.count { _ = try? ReviewIndexWriter.refresh(outbox: outputRoot) }
        progress.finish()
        if let settings = try loadConfigurationIfPresent(config) {
            await SinkRun.deliver(settings, queueing: progress.outputFolders, outbox: outputRoot)
        }
        if progress.failures > 0 { throw ExitCode(1) }
        if progress.unrecognized > 0 { throw ExitCode(Self.someUnrecognized) }
    }

    /// `--out` wins; otherwise the outbox and output formats of `pipeline.json` when it exists,
    /// else `./outbox`. A broken configuration is a usage error, as for `run`. The limits — file
    /// size, time and memory per file — are the daemon's: from `pipeline.json`, else its defaults.
    private func resolveOutput() throws -> (URL, ConversionOptions, PipelineConfig) {
        guard let settings = try loadConfigurationIfPresent(config) else {
            let defaults = PipelineConfig(directory: URL(fileURLWithPath: config).deletingLastPathComponent())
            var options = defaults.conversionOptions
            options.debugDump = debug
            return (URL(fileURLWithPath: out ?? "outbox"), options, defaults)
        }
        var options = settings.conversionOptions
        options.debugDump = debug
        return (out.map { URL(fileURLWithPath: $0) } ?? settings.outbox, options, settings)
    }
}
