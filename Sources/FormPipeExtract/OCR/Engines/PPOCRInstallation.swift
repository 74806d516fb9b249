import Foundation
import FormPipeCore

/// Where the PP-OCR engine is installed: the worker script and the Python of the virtual
/// environment that `scripts/install-ocr-engine.sh` fills with `rapidocr` and `onnxruntime`.
public struct PPOCRInstallation: Sendable, Hashable {
    /// `ocr-engine/ppocr_worker.py`.
    public var script: String
    /// `ocr-engine/.venv/bin/python3`.
    public var python: String

    public init(folder: URL) {
        script = folder.appendingPathComponent("ppocr_worker.py").path
        python = folder.appendingPathComponent(".venv/bin/python3").path
    }

    /// The engine folder: `FORMPIPE_OCR_ENGINE_DIR` when set, else the first `ocr-engine/`
    /// holding an installed environment in a folder above the executable (a build under
    /// `.build/` of the repository) or above the current directory.
    ///
    /// - Throws: `.ocrUnavailable`, naming the places looked in and the script to run.
    public static func located() throws(ConversionError) -> PPOCRInstallation {
        var candidates: [URL] = []
        if let folder = ProcessInfo.processInfo.environment["FORMPIPE_OCR_ENGINE_DIR"], !folder.isEmpty {
            candidates.append(URL(fileURLWithPath: folder, isDirectory: true))
        } else {
            // The running binary itself, however it was invoked (a bare name found on PATH too).
            let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
            for start in [executable.deletingLastPathComponent(), current] {
                var folder = start.standardizedFileURL
                while folder.path != "/" {
                    candidates.append(folder.appendingPathComponent("ocr-engine", isDirectory: true))
                    folder.deleteLastPathComponent()
                }
            }
        }
        for folder in candidates {
            let installation = PPOCRInstallation(folder: folder)
            if FileManager.default.isExecutableFile(atPath: installation.python),
                FileManager.default.fileExists(atPath: installation.script)
            {
                return installation
            }
        }
        throw ConversionError(
            .ocrUnavailable, file: "", stage: .extract,
            "ocrEngine \"ppocr\" is not installed: run scripts/install-ocr-engine.sh (or set FORMPIPE_OCR_ENGINE_DIR "
                + "to its ocr-engine folder); looked in \(candidates.first?.path ?? "nowhere") and the folders above")
    }
}
