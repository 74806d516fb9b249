import FormPipeConfig
/// What the daemon has done since it started, as the one `STATUS=` line systemd shows in
/// `systemctl status formpipe`.
struct ServiceStatusLine: Sendable {
    let watching: String
    private(set) var converted = 0
    private(set) var duplicates = 0
    private(set) var failed = 0

    init(config: PipelineConfig, inbox: String) {
        watching = "watching \(inbox) (\(config.pollingOnly ? "polling" : "inotify")), \(config.workers) workers"
    }

    mutating func record(_ result: FileProcessor.Result) {
        switch result {
        case .archived: converted += 1
        case .duplicate: duplicates += 1
        case .failed: failed += 1
        case .leftInWork: break
        }
    }

    func line(inFlight: Int) -> String {
        "\(watching): \(converted) converted, \(failed) failed, \(duplicates) duplicates, \(inFlight) in flight"
    }

    func stopping(inFlight: Int) -> String {
        "stopping: intake closed, waiting for \(inFlight) files in flight; \(converted) converted, \(failed) failed"
    }
}
