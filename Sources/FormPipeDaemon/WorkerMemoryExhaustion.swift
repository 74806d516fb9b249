import FormPipeCore

/// Tells a worker that ran out of its address-space limit (`workerMemoryMB`, `RLIMIT_AS`) from one
/// that crashed, for the daemon and `convert` alike.
///
/// Under `RLIMIT_AS` an allocation fails instead of the kernel's OOM killer stepping in, and the
/// failing library says so on its way down: Tesseract's C++ throws `std::bad_alloc` and aborts
/// (SIGABRT), Leptonica and Poppler log an allocation failure, Swift traps. The signal alone cannot
/// tell this from a bug, so the worker's last output decides. Such a file is not retried: a fresh
/// worker has the same limit.
enum WorkerMemoryExhaustion {
    private static let signs = ["out of memory", "cannot allocate memory", "bad_alloc", "failed to allocate", "allocation failed"]

    /// Whether a worker with a limit of `limitMB` (0: none) died of it, judged by its last output.
    static func explains(stderrTail: String, limitMB: Int) -> Bool {
        guard limitMB > 0 else { return false }
        let lowered = stderrTail.lowercased()
        return signs.contains { lowered.contains($0) }
    }

    /// The one-line reason: which limit, how the worker ended, and what to change.
    static func error(file: String, limitMB: Int, termination: ProcessTermination?) -> ConversionError {
        let how = termination.map { " (\($0))" } ?? ""
        return ConversionError(.memoryLimit, file: file, stage: .intake,
            "the worker ran out of its \(limitMB) MB memory limit\(how); raise workerMemoryMB in pipeline.json if the file is legitimately large")
    }
}
