import Foundation
import FormPipeReview

/// ANSI colours for terminal output — off unless stdout is a terminal, and off when `NO_COLOR`
/// is set or `TERM` is `dumb`, so pipes and log files get plain text.
struct TerminalStyle {
    let enabled: Bool

    static var stdoutIsColourTerminal: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func yellow(_ text: String) -> String { wrap(text, "33") }

    /// A confidence coloured by how worrying it is: red below 0.8, yellow below 0.95.
    func confidence(_ text: String, _ value: Double) -> String {
        switch ConfidenceBand(value) {
        case .low: red(text)
        case .medium: yellow(text)
        case .high: text
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
