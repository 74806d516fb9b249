import Foundation
import Synchronization
import FormPipeCore

/// The PP-OCR recognizer: `ocr-engine/ppocr_worker.py` run by the project's virtual environment
/// (`scripts/install-ocr-engine.sh`), one process per formpipe process, started on the first
/// image and kept for every cell, page and file after it. A process that dies is started again
/// and the image sent again, once; an image that still cannot be read is a failure the page
/// reader turns into a failed file (`takeFailure()`), never a blank reading.
///
/// `@unchecked Sendable` because the process and its pipes are only touched while `lock` is
/// held: requests and answers are strictly one after the other.
public final class PPOCREngine: CellRecognizer, @unchecked Sendable {
    private let installation: PPOCRInstallation
    private let lock = NSLock()
    private var process: OCREngineProcess?
    private var failure: String?
    /// The models the worker loaded, e.g. "PP-OCRv6 det small, PP-OCRv6 rec small".
    public private(set) var models = ""

    /// Starts the worker and waits for it to load its models (0.5–2 s).
    ///
    /// - Throws: `.ocrUnavailable` when the engine is not installed or cannot start.
    public init(installation: PPOCRInstallation) throws(ConversionError) {
        self.installation = installation
        do throws(OCREngineProcess.Failure) {
            try start()
        } catch {
            throw ConversionError(.ocrUnavailable, file: "", stage: .extract, "the PP-OCR engine cannot start: \(error)")
        }
    }

    private func start() throws(OCREngineProcess.Failure) {
        var environment = ProcessInfo.processInfo.environment
        // One thread per process, as with Tesseract: the workers are the parallelism.
        environment["OMP_NUM_THREADS"] = "1"
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        let started = try OCREngineProcess(
            executable: installation.python, arguments: [installation.script], environment: environment)
        let line = try started.receiveLine()
        guard let ready = try? JSONDecoder().decode(Ready.self, from: Data(line)), ready.ready else {
            let said = String(decoding: line, as: UTF8.self)
            throw OCREngineProcess.Failure(description: "\(installation.script) did not start: \(said)")
        }
        models = (ready.models ?? []).joined(separator: ", ")
        process = started
    }

    public func recognize(
        pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int, bytesPerLine: Int, ppi: Int,
        segmentation: OCRSegmentation, alternatives: Bool, allowedCharacters: String?
    ) -> [OCRWord] {
        precondition(pixels.count >= bytesPerLine * height && bytesPerLine >= width, "image buffer too small")
        guard width > 0, height > 0 else { return [] }
        let request = Request(
            width: width, height: height, ppi: ppi, mode: segmentation.workerMode, allowed: allowedCharacters,
            alternatives: alternatives)
        guard var message = try? JSONEncoder().encode(request).map({ $0 }) else { return [] }
        message.append(UInt8(ascii: "\n"))
        message.reserveCapacity(message.count + width * height)
        for row in 0..<height {
            message += pixels[(row * bytesPerLine)..<(row * bytesPerLine + width)]
        }
        guard let answer = exchange(message, describing: "a \(width)×\(height) image") else { return [] }
        return (answer.words ?? []).map(\.ocrWord)
    }

    public var readsBatches: Bool { true }

    /// All the images in one request: the worker reads their text lines side by side, in a few
    /// model runs instead of one per cell (docs/ocr.md, "Engine mechanics").
    public func recognize(batch: [RecognitionRequest]) -> [[OCRWord]] {
        let empty = [[OCRWord]](repeating: [], count: batch.count)
        let readable = batch.indices.filter { batch[$0].width > 0 && batch[$0].height > 0 }
        guard !readable.isEmpty else { return empty }
        let header = BatchRequest(
            batch: readable.map {
                Request(
                    width: batch[$0].width, height: batch[$0].height, ppi: batch[$0].ppi,
                    mode: batch[$0].segmentation.workerMode, allowed: batch[$0].allowedCharacters, alternatives: batch[$0].alternatives)
            })
        guard var message = try? JSONEncoder().encode(header).map({ $0 }) else { return empty }
        message.append(UInt8(ascii: "\n"))
        message.reserveCapacity(message.count + readable.reduce(0) { $0 + batch[$1].width * batch[$1].height })
        for index in readable {
            message += batch[index].pixels.prefix(batch[index].width * batch[index].height)
        }
        guard let answer = exchange(message, describing: "a batch of \(readable.count) images"),
            let results = answer.results, results.count == readable.count
        else {
            lock.withLock { failure = failure ?? "the PP-OCR engine answered a batch of \(readable.count) images wrongly" }
            return empty
        }
        var words = empty
        for (index, result) in zip(readable, results) {
            words[index] = (result.words ?? []).map(\.ocrWord)
        }
        return words
    }

    /// Sends one request and returns its answer. A worker that died is started again and the
    /// request sent again, once; nil (and `failure` set) when that fails too.
    private func exchange(_ message: [UInt8], describing what: String) -> Answer? {
        lock.lock()
        defer { lock.unlock() }
        var lastError = ""
        for _ in 0..<2 {
            do throws(OCREngineProcess.Failure) {
                if process == nil { try start() }
                try process!.write(message)
                let line = try process!.receiveLine()
                guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(line)) else {
                    process = nil
                    throw OCREngineProcess.Failure(description: "unreadable answer: \(String(decoding: line.prefix(200), as: UTF8.self))")
                }
                if let error = answer.error { throw OCREngineProcess.Failure(description: error) }
                return answer
            } catch {
                lastError = error.description
                // A worker that answered with an error is still alive: no need to restart it.
                if error.description.hasPrefix("the engine process") { process = nil }
            }
        }
        failure = failure ?? "the PP-OCR engine could not read \(what): \(lastError)"
        return nil
    }

    /// The worker's process id, nil while none runs (for tests of the restart).
    package var processID: pid_t? {
        lock.lock()
        defer { lock.unlock() }
        return process?.pid
    }

    public var manifestNotes: [String: String] {
        ["ocr.engine": "ppocr (\(models))"]
    }

    public func takeFailure() -> String? {
        lock.lock()
        defer { lock.unlock() }
        defer { failure = nil }
        return failure
    }
}

extension PPOCREngine {
    /// The one engine of this process, once started.
    private static let cached = Mutex<PPOCREngine?>(nil)

    /// The engine of this process, started on first use and reused by every file it converts.
    public static func shared() throws(ConversionError) -> PPOCREngine {
        try cached.withLock { (cached) throws(ConversionError) -> PPOCREngine in
            if let cached { return cached }
            let engine = try PPOCREngine(installation: PPOCRInstallation.located())
            cached = engine
            return engine
        }
    }
}

extension OCRSegmentation {
    /// The worker's name for the layout of an image: a line is read as it is; a block or a page
    /// has its text lines found by the detection model first.
    var workerMode: String {
        switch self {
        case .line: "line"
        case .block: "block"
        case .page: "page"
        }
    }
}
