import FormPipe
import Foundation

/// Progress of a `convert` batch on stderr: a live line on a terminal, one summary line
/// otherwise (pipes, CI logs). Failures are always one line each, naming the file.
struct BatchProgress {
    let total: Int
    private let interactive = isatty(STDERR_FILENO) == 1
    private(set) var done = 0
    private(set) var failures = 0
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
            "converted \(done - failures) of \(total) files: \(forms) forms, \(repairs) repairs, \(failures) failed"
                + String(format: " (%.2f s)\n", seconds))
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
