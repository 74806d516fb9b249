import Foundation

/// Makes sure this process runs with `OMP_THREAD_LIMIT=1`, by executing itself again with it.
///
/// Tesseract parallelises its LSTM with OpenMP, whose runtime (libgomp) reads its environment
/// once, when the library is loaded — before `main`, because libtesseract is linked into the
/// binary. With the default limit, its threads spin against each other and the worker's own
/// parallelism: a 200 dpi A4 page takes 9–10 s on 2 cores instead of ~2 s (platform notes).
/// `setenv` at run time is too late, so the only fix from inside is a fresh start.
///
/// Runs before anything else in `main`. Guarded against loops: `FORMPIPE_OMP_REEXEC` marks
/// the second start, which never executes itself again (if the variable was stripped on the
/// way, formpipe runs slowly rather than not at all).
enum OpenMPThreadLimit {
    static let variable = "OMP_THREAD_LIMIT"
    static let marker = "FORMPIPE_OMP_REEXEC"

    static func reexecIfUnset() {
        #if os(Linux)
            guard getenv(variable) == nil, getenv(marker) == nil else { return }
            setenv(variable, "1", 1)
            setenv(marker, "1", 1)
            // The environment set above is inherited; argv is passed on unchanged.
            execv("/proc/self/exe", CommandLine.unsafeArgv)
            // Only reached when exec failed: carry on in this process, slower.
            let reason = String(cString: strerror(errno))
            let warning = "formpipe: warning: could not restart with OMP_THREAD_LIMIT=1 (\(reason)); OCR will be slow\n"
            FileHandle.standardError.write(Data(warning.utf8))
        #endif
    }
}
