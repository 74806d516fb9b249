import Foundation
import Logging
import FormPipeExtract
import FormPipeEmit

/// The daemon's settings, read from `pipeline.json` (see ``load(from:)``).
///
/// Every key is optional; a missing key takes the default written beside it. Folder paths in the file
/// are relative to the folder holding the file, and are stored here resolved to absolute URLs. An
/// unknown key or a value of the wrong type is an error, never silently ignored: a typo such as
/// `"worker": 4` must not leave the daemon running with a different setting than the user believes.
public struct PipelineConfig: Sendable, Equatable {
    /// The file these settings came from (the default file name when built in code).
    public var sourceFile: URL

    /// `inbox` — where users drop files to convert. Default `inbox/`.
    public var inbox: URL
    /// `outbox` — where each converted file's folder is published. Default `outbox/`.
    public var outbox: URL
    /// `archive` — where originals go after a successful conversion. Default `archive/`.
    public var archive: URL
    /// `failed` — where originals go when they cannot be converted, each with `NAME.error.json`
    /// beside it. Default `failed/`.
    public var failed: URL
    /// `work` — claimed files in flight and the index of converted content. Must be on the same
    /// file system as the inbox, archive and failed folders (claims are renames). Default `work/`.
    public var work: URL

    /// `workers` — how many conversions run at once, each in its own worker process; 0 means one per
    /// CPU core. Default 0 (one per core).
    public var workers: Int
    /// `settleSeconds` — a file is taken only after it has been quiet (no events, same size and
    /// modification time) this long. Default 2.
    public var settleSeconds: Double
    /// `rescanSeconds` — interval of the full inbox rescan that catches events inotify lost
    /// (queue overflow, network shares). In `pollingOnly` mode it is the polling interval. Default 30.
    public var rescanSeconds: Double
    /// `pollingOnly` — do not use inotify at all; find files by rescanning only (for file systems
    /// that send no events, such as some network shares). Default false.
    public var pollingOnly: Bool
    /// `fileTimeoutSeconds` — wall-time limit of one conversion; the worker is killed after it and
    /// the file goes to `failed/`. Default 120.
    public var fileTimeoutSeconds: Double
    /// `workerMemoryMB` — address-space limit of each worker process (`RLIMIT_AS`); 0 means no
    /// limit. Default 4096.
    public var workerMemoryMB: Int
    /// `workerRecycleAfter` — a worker is replaced after converting this many files, bounding any
    /// slow leak in the C libraries. Default 200.
    public var workerRecycleAfter: Int
    /// `maxFileMB` — larger inputs go to `failed/` without being opened. Default 100.
    public var maxFileMB: Double
    /// `shutdownGraceSeconds` — on SIGTERM/SIGINT, how long files in flight may take to finish;
    /// files still in flight afterwards stay in `work/` and are taken up at the next start. Default 30.
    public var shutdownGraceSeconds: Double
    /// `outputFormats` — record files written besides the manifest and repair log: any of "json",
    /// "xml". Default ["json", "xml"].
    public var outputFormats: [OutputFormat]
    /// `logFormat` — "human" (one readable line per event) or "json" (JSON lines). Default "human".
    public var logFormat: LogFormat
    /// `logLevel` — trace, debug, info, notice, warning, error or critical. Default "info".
    public var logLevel: Logger.Level
    /// `ocrLanguages` — Tesseract languages for image-only pages. Default "chi_sim+eng".
    public var ocrLanguages: String
    /// `postgres` — the PostgreSQL sink (see docs/sinks.md); nil writes no database. Default none.
    public var postgres: PostgresSinkSettings?
    /// `ocrEngine` — the recognizer of image-only pages: "tesseract" or "ppocr" (the PP-OCR
    /// models in a worker process of their own, installed by `scripts/install-ocr-engine.sh`).
    /// Default "tesseract".
    public var ocrEngine: OCREngineKind

    public enum LogFormat: String, Sendable, Equatable, CaseIterable {
        case human, json
    }

    /// The defaults, with folders resolved against `directory` (normally the config file's folder).
    public init(directory: URL, sourceFile: URL? = nil) {
        self.sourceFile = sourceFile ?? directory.appendingPathComponent(Self.defaultFileName)
        self.inbox = directory.appendingPathComponent("inbox", isDirectory: true)
        self.outbox = directory.appendingPathComponent("outbox", isDirectory: true)
        self.archive = directory.appendingPathComponent("archive", isDirectory: true)
        self.failed = directory.appendingPathComponent("failed", isDirectory: true)
        self.work = directory.appendingPathComponent("work", isDirectory: true)
        self.workers = Self.coreCount
        self.settleSeconds = 2
        self.rescanSeconds = 30
        self.pollingOnly = false
        self.fileTimeoutSeconds = 120
        self.workerMemoryMB = 4096
        self.workerRecycleAfter = 200
        self.maxFileMB = 100
        self.shutdownGraceSeconds = 30
        self.outputFormats = [.json, .xml]
        self.logFormat = .human
        self.logLevel = .info
        self.ocrLanguages = "chi_sim+eng"
        self.postgres = nil
        self.ocrEngine = .tesseract
    }

    /// The file `formpipe` and `formpipe run` read when no `--config` is given.
    public static let defaultFileName = "pipeline.json"

    /// The folders the daemon writes to, with their keys, in the order they are checked.
    var outputFolders: [(key: String, url: URL)] {
        [("outbox", outbox), ("archive", archive), ("failed", failed), ("work", work)]
    }
}
