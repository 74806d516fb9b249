import Testing

@testable import FormPipeExtract
@testable import FormPipeLayout

/// The page reader on a small form drawn here: rulings found the way the PDF extractor finds
/// them, every cell read on its own, the column's kind applied, the title read outside the grid.
@Suite(.serialized)
struct OCRPageReaderTests {
    /// A title over a 3 × 3 grid: a header row, a value row, and an empty row.
    private func draw(dpi: Double) -> SyntheticPage {
        let page = SyntheticPage(width: 300, height: 160, dpi: dpi)
        page.text("项目支出绩效自评表", x: 90, y: 30, points: 14, bold: true)  // bold, as the forms print it
        for y in [50.0, 80, 110, 140] { page.line(30, y, 270, y) }
        for x in [30.0, 150, 210, 270] { page.line(x, 50, x, 140) }
        page.text("年度指标值", x: 36, y: 69)
        page.text("分值", x: 168, y: 69)
        page.text("得分", x: 228, y: 69)
        page.text("≥90%", x: 36, y: 99)
        page.text("7.5", x: 170, y: 99)
        page.text("10", x: 232, y: 99)
        return page
    }

    private func read() throws -> (layout: PageLayout, statistics: ScannedPageReader.Statistics) {
        // Rulings from a 100 dpi render, as the extractor finds them on scans.
        let rulings = RulingLineDetector(dpi: 100).detect(in: draw(dpi: 100).grey).map { $0.scaled(by: 72 / 100) }
        let layout = PageLayout.analyse(pageNumber: 1, width: 300, height: 160, characters: [], rulings: rulings)
        #expect(layout.tables.count == 1)
        #expect(layout.cellCount == 9)
        let engine = try TesseractEngine.shared(for: OCRConfiguration())
        let script = try TesseractEngine.shared(for: OCRConfiguration(languages: "chi_sim"))
        var columns = ColumnKindTracker()
        var statistics = ScannedPageReader.Statistics()
        let reader = ScannedPageReader(engine: engine, scriptEngine: script, dpi: 300)
        let read = reader.read(layout, image: draw(dpi: 300).grey, columns: &columns, statistics: &statistics)
        return (read, statistics)
    }

    @Test func readsEveryCellAndTheTitle() throws {
        let (layout, statistics) = try read()
        let cells = try #require(layout.cells.first).sorted {
            ($0.grid.row, $0.grid.column) < ($1.grid.row, $1.grid.column)
        }
        #expect(cells.map(\.text) == ["年度指标值", "分值", "得分", "≥90%", "7.5", "10", "", "", ""])
        #expect(statistics.cellsRead == 6)
        #expect(statistics.cellsSkipped == 3)
        #expect(cells.prefix(6).allSatisfy { ($0.ocrConfidence ?? 0) > 0.3 })
        #expect(cells.suffix(3).allSatisfy { $0.ocrConfidence == nil })
        #expect(layout.outsideText.map(\.text).joined().filter { !$0.isWhitespace } == "项目支出绩效自评表")
    }

    @Test func theSignIsACorrectionTheRecordStageLogs() throws {
        let (layout, statistics) = try read()
        let cell = try #require(layout.cells.first?.first { $0.text == "≥90%" })
        let correction = try #require(cell.ocrCorrections.first)
        #expect(correction.rule == "ocr-comparison-sign")
        #expect(correction.after == "≥90%")
        #expect(correction.before != correction.after)
        #expect(statistics.corrections >= 1)
        // Handed on: the table cell the record stage sees carries it.
        let rows = layout.blocks().compactMap { block -> TableRow? in
            if case .row(let row) = block { return row }
            return nil
        }
        #expect(rows.flatMap(\.cells).contains { $0.ocrCorrections == [correction] })
    }
}
