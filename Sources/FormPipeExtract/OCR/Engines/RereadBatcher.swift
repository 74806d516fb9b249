import Synchronization

/// Collects a page's second readings into batches, for an engine that reads a batch faster than
/// its images one by one (`CellRecognizer.readsBatches`).
///
/// What a cell needs read again — a text line its first reading left out, the grey strokes of an
/// unsure label, a number column's cell with only number characters allowed — depends on its
/// first reading and on the column kinds the cells before it taught. Rather than restate those
/// decisions, the page reader runs its ordinary per-cell logic through this recognizer as a
/// trial: every image it has an answer for is answered, every other one is noted and answered
/// "nothing read". The noted images are then read in one batch and the trial runs again, until
/// a trial asks for nothing new; the final run, with `recordsMisses` off, reads anything still
/// missing one by one. The final run therefore makes the same decisions on the same readings as
/// reading cell by cell would, in one or two requests per page instead of one per re-read.
///
/// A trial's "nothing read" may send it down a branch the final run does not take (a re-read
/// of lines an empty reading did not cover): those images are read for nothing, never used.
package final class RereadBatcher: CellRecognizer {
    private let engine: any CellRecognizer

    /// One image as asked for, with everything that changes its reading.
    private struct Request: Hashable {
        var pixels: [UInt8]
        var width: Int
        var height: Int
        var ppi: Int
        var segmentation: OCRSegmentation
        var alternatives: Bool
        var allowedCharacters: String?
    }

    private struct State {
        var answers: [Request: [OCRWord]] = [:]
        var misses: [Request] = []
        var missed: Set<Request> = []
        var recordsMisses = true
        var imagesRead = 0
        var batches = 0
    }

    private let state = Mutex(State())

    package init(engine: any CellRecognizer) {
        self.engine = engine
    }

    /// While on, an image without an answer is noted and read as nothing; off, it is read.
    package var recordsMisses: Bool {
        get { state.withLock { $0.recordsMisses } }
        set { state.withLock { $0.recordsMisses = newValue } }
    }

    /// Whether the last trial asked for images not read yet.
    package var hasMisses: Bool { state.withLock { !$0.misses.isEmpty } }

    /// Images read in batches so far, and the number of batches.
    package var counts: (images: Int, batches: Int) { state.withLock { ($0.imagesRead, $0.batches) } }

    /// Reads every image the trials asked for, in one batch.
    package func readMisses() {
        let misses: [Request] = state.withLock { state in
            defer {
                state.misses = []
                state.missed = []
            }
            return state.misses
        }
        guard !misses.isEmpty else { return }
        let readings = engine.recognize(
            batch: misses.map {
                RecognitionRequest(
                    pixels: $0.pixels, width: $0.width, height: $0.height, ppi: $0.ppi, segmentation: $0.segmentation,
                    alternatives: $0.alternatives, allowedCharacters: $0.allowedCharacters)
            })
        state.withLock { state in
            for (request, words) in zip(misses, readings) { state.answers[request] = words }
            state.imagesRead += misses.count
            state.batches += 1
        }
    }

    package func recognize(
        pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int, bytesPerLine: Int, ppi: Int,
        segmentation: OCRSegmentation, alternatives: Bool, allowedCharacters: String?
    ) -> [OCRWord] {
        var contiguous: [UInt8] = []
        contiguous.reserveCapacity(width * height)
        for row in 0..<height {
            contiguous += pixels[(row * bytesPerLine)..<(row * bytesPerLine + width)]
        }
        let request = Request(
            pixels: contiguous, width: width, height: height, ppi: ppi, segmentation: segmentation,
            alternatives: alternatives, allowedCharacters: allowedCharacters)
        let known: [OCRWord]? = state.withLock { state in
            if let answer = state.answers[request] { return answer }
            guard state.recordsMisses else { return nil }
            if state.missed.insert(request).inserted { state.misses.append(request) }
            return []
        }
        if let known { return known }
        return engine.recognize(
            pixels: pixels, width: width, height: height, bytesPerLine: bytesPerLine, ppi: ppi,
            segmentation: segmentation, alternatives: alternatives, allowedCharacters: allowedCharacters)
    }

    package var manifestNotes: [String: String] { engine.manifestNotes }

    package func takeFailure() -> String? { engine.takeFailure() }
}
