import Foundation
import Testing

@testable import FormPipeLayout

/// The line finder on synthetic pages, with the defaults used for a 100 dpi render.
struct RulingLineDetectorTests {
    let detector = RulingLineDetector(dpi: 100)

    private func horizontal(_ segments: [RulingSegment]) -> [RulingSegment] {
        segments.filter { $0.orientation == .horizontal }.sorted { $0.start.y < $1.start.y }
    }

    private func vertical(_ segments: [RulingSegment]) -> [RulingSegment] {
        segments.filter { $0.orientation == .vertical }.sorted { $0.start.x < $1.start.x }
    }

    /// The grid's cells as (row, column, rowSpan, columnSpan), in the table's order.
    private func cells(_ segments: [RulingSegment]) -> [[Int]] {
        TableGridBuilder.tables(from: segments, tolerance: 3).flatMap(\.cells).map {
            [$0.row, $0.column, $0.rowSpan, $0.columnSpan]
        }
    }

    private let fourByThree = (0..<4).flatMap { row in (0..<3).map { [row, $0, 1, 1] } }

    @Test func cleanGrid() {
        var page = RulingLineTestImage()
        page.grid()
        let segments = detector.detect(in: page.image)
        let rows = horizontal(segments)
        let columns = vertical(segments)
        #expect(rows.count == 5)
        #expect(columns.count == 4)
        for (index, line) in rows.enumerated() {
            #expect(abs(line.start.y - (50 + 90 * Double(index))) <= 0.5)
            #expect(abs(line.start.x - 60) <= 1.5 && abs(line.end.x - 510) <= 1.5)
        }
        #expect(cells(segments) == fourByThree)
    }

    @Test func brokenLinesAreJoined() {
        var page = RulingLineTestImage()
        // One-pixel breaks every 25 px and a 4 px hole: a worn or faint print.
        let breaks = stride(from: 20.0, to: 440, by: 25).map { $0...$0 + 0.6 } + [200...204]
        page.grid(gaps: breaks)
        let segments = detector.detect(in: page.image)
        #expect(horizontal(segments).count == 5)
        #expect(vertical(segments).count == 4)
        #expect(cells(segments) == fourByThree)
    }

    @Test func gridRotatedByOneDegree() {
        var page = RulingLineTestImage()
        page.grid(degrees: 1)
        let segments = detector.detect(in: page.image)
        let rows = horizontal(segments)
        #expect(rows.count == 5)
        #expect(vertical(segments).count == 4)
        for line in rows {
            let slope = (line.end.y - line.start.y) / (line.end.x - line.start.x)
            #expect(abs(slope - tan(.pi / 180)) < 0.003)
            #expect(line.length > 440)
        }
        #expect(cells(segments) == fourByThree)
    }

    @Test func gridRotatedTheOtherWayOnGreyNoisyPaper() {
        var page = RulingLineTestImage(paper: 220)
        page.grid(degrees: -1.5, thickness: 1.5, ink: 120)
        page.noise(amplitude: 12, seed: 7)
        let segments = detector.detect(in: page.image)
        #expect(horizontal(segments).count == 5)
        #expect(vertical(segments).count == 4)
        #expect(cells(segments) == fourByThree)
    }

    @Test func darkBlobAcrossALineKeepsTheLineAndAddsNothing() {
        var page = RulingLineTestImage()
        page.grid()
        // A 40 px stamp centred on the second horizontal ruling (y = 140) and off any vertical.
        page.blob(x: 260, y: 120, width: 40, height: 40)
        let segments = detector.detect(in: page.image)
        let rows = horizontal(segments)
        #expect(rows.count == 5)
        #expect(rows.allSatisfy { $0.length > 445 })
        #expect(vertical(segments).count == 4)
        #expect(cells(segments) == fourByThree)
    }

    @Test func textStrokesAreNotLines() {
        var page = RulingLineTestImage()
        // Rows of 10 px strokes 3 px apart, like horizontal strokes of body text at 100 dpi.
        for row in 0..<10 {
            for character in 0..<30 {
                let x = 40 + Double(character) * 13
                let y = 60 + Double(row) * 20
                page.line(from: PagePoint(x: x, y: y), to: PagePoint(x: x + 10, y: y))
                page.line(from: PagePoint(x: x + 5, y: y - 6), to: PagePoint(x: x + 5, y: y + 6))
            }
        }
        #expect(detector.detect(in: page.image).isEmpty)
    }

    @Test func ruleBetweenTwoPixelRowsIsFound() {
        // A faint rule centred on a pixel boundary: two rows each 40 levels dark, too light on
        // their own for the default darkness of 64, found because their sum is 80.
        var page = RulingLineTestImage()
        for x in 50..<450 {
            page.image[x, 100] = 215
            page.image[x, 101] = 215
        }
        let found = horizontal(detector.detect(in: page.image))
        #expect(found.count == 1)
        #expect(found.first.map { $0.length > 395 } == true)
    }

    @Test func mergedCellsGetSpans() {
        var page = RulingLineTestImage()
        page.grid()
        // Whiten the inner vertical ruling of the first row and the middle horizontal of the
        // first column: cell (0,0) spans two columns, cell (1,0) two rows.
        page.image.whiten(x0: 208, y0: 52, x1: 213, y1: 138)
        page.image.whiten(x0: 62, y0: 228, x1: 208, y1: 233)
        let segments = detector.detect(in: page.image)
        let grid = cells(segments)
        #expect(grid.first == [0, 0, 1, 2])
        #expect(grid.contains([1, 0, 2, 1]))
        #expect(grid.count == 12 - 1 - 1)
    }
}
