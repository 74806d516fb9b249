import ArgumentParser
import Foundation
import FormPipeExtract
import FormPipeDaemon
import FormPipeEmit
import FormPipePipeline

/// `formpipe worker`: started by the daemon (and by `convert --jobs`), never by hand. Converts the
/// files the parent sends over stdin (JSON lines) and replies on stdout until stdin closes.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Conversion worker process (started by the daemon).", shouldDisplay: false)

    @Option(help: "Address-space limit in MB (RLIMIT_AS); 0 for none.")
    var memoryMb: Int = 0

    @Option(help: "Inputs larger than this many MB are refused.")
    var maxFileMb: Double = 200

    @Option(help: "Record formats to write, comma-separated.")
    var formats: String = "json,xml"

    @Option(help: "Tesseract languages for image-only pages.")
    var ocrLanguages: String = "chi_sim+eng"

    @Option(help: "Recognizer for image-only pages: tesseract or ppocr.")
    var ocrEngine: String = "tesseract"

    @Option(help: "The daemon's process id; the worker exits when that process is gone.")
    var parentPid: Int32

    @Flag(help: "Never refresh OUTBOX/index.html (the parent refreshes it once, as `convert` does).")
    var noReviewIndex = false

    @Flag(help: "Also write debug/ with each page's words, rulings and cells.")
    var debug = false

    func run() throws {
        let formats = Set(formats.split(separator: ",").compactMap { OutputFormat(rawValue: String($0)) })
        var options = ConversionOptions(formats: formats.isEmpty ? [.json, .xml] : formats, maxFileBytes: Int(maxFileMb * 1_048_576))
        options.ocrLanguages = ocrLanguages
        guard let engine = OCREngineKind(rawValue: ocrEngine) else { throw ValidationError("unknown --ocr-engine \(ocrEngine)") }
        options.ocrEngine = engine
        options.debugDump = debug
        options.refreshReviewIndex = !noReviewIndex
        let status = WorkerLoop.run(memoryLimitMB: memoryMb, parentPID: parentPid, options: options)
        if status != 0 { throw ExitCode(status) }
    }
}
