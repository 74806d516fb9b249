import FormPipeRecord
import Foundation
import FormPipeEmit
import FormPipePipeline

/// Progress of a `convert` batch on stderr: a live line on a terminal, one summary line
/// otherwise (pipes, CI logs). Failures are always one line each, naming the file.
struct BatchProgress {
    let total: Int
    private let interactive = isatty(STDERR_FILENO) == 1
    private(set) var done = 0
    private(set) var failures = 0
    /// Files with tables but no known form (docs/tables.md): output written, status `unrecognized`.
    private(set) var unrecognized = 0
    /// The folders converted, for the database sink.
    private(set) var outputFolders: [String] = []
    private var forms = 0
    private var repairs = 0
    private let started = Date()

    init(total: Int) { self.total = total }

    mutating func starting(_ name: String) {
        guard interactive else { return }
        write("\r\u{1B}[K[\(done)/\(total)] \(name.withVisibleControlCharacters) — \(forms) forms, \(repairs) repairs")
    }

    mutating func converted(_ summary: ConversionSummary) {
        done += 1
        forms += summary.forms
        repairs += summary.repairs
        outputFolders.append(URL(fileURLWithPath: summary.outputFolder).lastPathComponent)
        guard summary.isUnrecognized else { return }
        unrecognized += 1
        if interactive { write("\r\u{1B}[K") }
        let tables = summary.tables == 1 ? "its table is" : "its \(summary.tables) tables are"
        write(
            "formpipe: warning: \(summary.file): no \(FormRecord.formTypeName) found; "
                + "\(tables) in \(summary.outputFolder)/\(OutputFileName.tables)\n")
    }

    mutating func failed(_ error: Error) {
        done += 1
        failures += 1
        if interactive { write("\r\u{1B}[K") }
        write("formpipe: error: \(error)\n")
    }

    func finish() {
        if interactive { write("\r\u{1B}[K") }
        let seconds = Date().timeIntervalSince(started)
        write(
            "converted \(done - failures - unrecognized) of \(total) files: \(forms) forms, \(repairs) repairs, "
                + (unrecognized > 0 ? "\(unrecognized) unrecognized, " : "") + "\(failures) failed"
                + String(format: " (%.2f s)\n", seconds))
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
