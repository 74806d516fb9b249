import Foundation
import FormPipeLayout
import Synchronization

/// Writes every cell image the page reader hands its recognizer to a folder, for the
/// recognition-engine benchmark (`bench/ocr_engines.py`): `FORMPIPE_CELL_IMAGES=DIR` makes each
/// cell a binary PGM `DIR/pPP-xXXXX-yYYYY.pgm` and a line of `DIR/cells.jsonl` with its page,
/// box in points, resolution, column kind, segmentation and the text the pipeline made of it. Off (nil)
/// unless the variable is set; one process per converted file keeps the folder's cells one
/// file's.
struct CellImageDump: Sendable {
    let folder: URL

    /// The dump named by `FORMPIPE_CELL_IMAGES`, or nil.
    static let fromEnvironment: CellImageDump? = {
        guard let path = ProcessInfo.processInfo.environment["FORMPIPE_CELL_IMAGES"], !path.isEmpty else { return nil }
        let folder = URL(fileURLWithPath: path, isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return CellImageDump(folder: folder)
    }()

    /// One line of `cells.jsonl`; the member names are what `bench/ocr_engines.py` reads.
    private struct Entry: Encodable {
        var image: String
        var page: Int
        var box: [Double]
        var ppi: Int
        var kind: String
        var segmentation: String
        var text: String
        var ms: Double
    }

    /// Serializes the writes of the page reader's threads to the one `cells.jsonl`.
    private static let writing = Mutex(())

    func record(
        _ image: CellImage, page: Int, box: BoundingBox, ppi: Int, kind: CellReadingKind,
        segmentation: OCRSegmentation, text: String, milliseconds: Double
    ) {
        let name = String(format: "p%02d-x%04d-y%04d.pgm", page, Int(box.x0.rounded()), Int(box.y0.rounded()))
        var pgm = Data("P5\n\(image.width) \(image.height)\n255\n".utf8)
        pgm.append(contentsOf: image.pixels)
        let entry = Entry(
            image: name, page: page, box: [box.x0, box.y0, box.x1, box.y1], ppi: ppi, kind: "\(kind)",
            segmentation: "\(segmentation)", text: text, ms: milliseconds)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let json = try? encoder.encode(entry) else { return }
        Self.writing.withLock { _ in
            try? pgm.write(to: folder.appendingPathComponent(name))
            let index = folder.appendingPathComponent("cells.jsonl")
            if !FileManager.default.fileExists(atPath: index.path) {
                _ = FileManager.default.createFile(atPath: index.path, contents: nil)
            }
            guard let handle = try? FileHandle(forWritingTo: index) else { return }
            defer { try? handle.close() }
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: json + Data("\n".utf8))
        }
    }
}
