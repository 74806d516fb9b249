import Foundation
import Testing

@testable import FormPipeExtract
@testable import FormPipeLayout

/// The born-digital corpus PDFs through the whole extract + layout stage, checked against gold.
struct PDFCorpusTests {
    @Test func dev01HasTheExpectedGrid() throws {
        let extraction = try PDFCorpus.extraction("dev-01.pdf")
        let document = extraction.document
        #expect(document.pages.map(\.cellCount) == [121, 28])
        #expect(document.pages.allSatisfy { $0.textSource == .textLayer })
        #expect(document.pages.first?.width.map { abs($0 - 595.276) < 0.01 } == true)
        let rows = PDFCorpus.rows(of: document)
        #expect(rows.filter { $0.page == 1 }.count == 20)
        #expect(rows.filter { $0.page == 2 }.count == 4)
        // The cells cut by the page break: "绩效指标", "效益指标", "社会效益指标" continue on page 2
        // as empty cells at the top of the left columns.
        let firstOnPage2 = try #require(rows.first { $0.page == 2 })
        #expect(firstOnPage2.cells.prefix(3).map(\.text) == ["", "", ""])
        #expect(firstOnPage2.cells.prefix(3).map(\.rowSpan) == [3, 2, 1])
    }

    @Test func wrappedHeaderLabelsStayInTheirCells() throws {
        let rows = PDFCorpus.rows(of: try PDFCorpus.extraction("dev-01.pdf").document)
        let header = try #require(rows.first { row in row.cells.contains { $0.text == "年初预算\n数" } })
        #expect(header.cells.map(\.text).suffix(6) == ["年初预算\n数", "全年预算\n数", "全年执\n行数", "分值", "执行率", "得分"])
        #expect(header.cells.first?.text == "项目\n资金\n(万\n元)")
        #expect(header.cells.first?.rowSpan == 5)
    }

    @Test func fundsValuesOfDev01SitInDistinctCellsOfOneRow() throws {
        let rows = PDFCorpus.rows(of: try PDFCorpus.extraction("dev-01.pdf").document)
        let total = try #require(rows.first { $0.cells.first?.text == "年度资金总额" })
        #expect(total.cells.map(\.text) == ["年度资金总额", "112", "112", "112", "10", "100%", "10"])
        #expect(Set(total.cells.map(\.column)).count == 7)
        let columns = total.cells.map(\.column)
        #expect(columns == columns.sorted())
    }

    @Test func goalParagraphsAreSeparatedAndCentredLabelsAreNot() throws {
        let cells = PDFCorpus.cells(of: try PDFCorpus.extraction("dev-01.pdf").document)
        let expected = try #require(cells.first { $0.text.hasPrefix("项目期目标") })
        #expect(expected.text.contains("岗位。\n\n增强受帮扶"))
        #expect(expected.text.components(separatedBy: "\n\n").count == 2)
        let satisfaction = try #require(cells.first { $0.text.hasPrefix("服务对象") })
        #expect(satisfaction.text == "服务对象\n满意度指\n标")
    }

    /// The goal cells break paragraphs ("\n\n") only where the gold has a "\n"; a break the page
    /// does not show (a list item that follows a full line) is left to the repair stage.
    @Test(arguments: PDFCorpus.stems)
    func goalParagraphBreaksAreGoldBreaks(stem: String) throws {
        let cells = PDFCorpus.cells(of: try PDFCorpus.extraction("\(stem).pdf").document)
        var found = 0
        var inGold = 0
        for (field, text) in try PDFCorpus.goldCellTexts(stem) where field.hasPrefix("goals.") {
            let key = PDFCorpus.squeezed(text)
            // A goal cut by a page break is checked in its first half.
            let cell =
                cells.first { PDFCorpus.squeezed($0.text) == key }
                ?? cells.first { !$0.text.isEmpty && key.hasPrefix(PDFCorpus.squeezed($0.text)) && $0.text.count > 20 }
            let extracted = try #require(cell, "\(stem) \(field)")
            let goldBreaks = boundaries(text.components(separatedBy: "\n"))
            let breaks = boundaries(extracted.text.components(separatedBy: "\n\n"))
            #expect(breaks.isSubset(of: goldBreaks), "\(stem) \(field): \(extracted.text)")
            found += breaks.count
            inGold += goldBreaks.filter { $0 < PDFCorpus.squeezed(extracted.text).count }.count
        }
        print("\(stem).pdf: \(found)/\(inGold) goal paragraph breaks seen")
    }

    /// Offsets (in non-whitespace characters) where one paragraph ends and the next begins.
    private func boundaries(_ paragraphs: [String]) -> Set<Int> {
        var offsets = Set<Int>()
        var offset = 0
        for paragraph in paragraphs.dropLast() {
            offset += PDFCorpus.squeezed(paragraph).count
            offsets.insert(offset)
        }
        return offsets
    }

    @Test func wrappedNumbersStayInOneCell() throws {
        let cells = PDFCorpus.cells(of: try PDFCorpus.extraction("dev-04.pdf").document)
        let wrapped = cells.filter { PDFCorpus.squeezed($0.text) == "24.66854" }
        #expect(wrapped.count == 1)
        #expect(wrapped.first?.text == "24.6685\n4")
    }

    @Test func titleYearAndPageNumbersAreLooseLinesBeforeTheirTable() throws {
        let blocks = try PDFCorpus.extraction("dev-04.pdf").document.blocks
        let texts = blocks.compactMap { block -> String? in
            if case .text(let line) = block { return line.text }
            return nil
        }
        #expect(texts.filter { $0 == "项目支出绩效自评表" }.count == 3)
        #expect(texts.contains("-1-") && texts.contains("-2-"))
        let breaks = blocks.compactMap { block -> Int? in
            if case .tableBreak(let page) = block { return page }
            return nil
        }
        #expect(breaks == [1, 2, 3])
        // Each form: title, year line, then its table.
        let firstBreak = try #require(blocks.firstIndex { if case .tableBreak = $0 { true } else { false } })
        #expect(firstBreak == 2)
    }

    /// Every gold text is whole in a cell, or, where the form's cell runs over a page break,
    /// split between the cut cell's two halves (the record stage joins those).
    @Test(arguments: PDFCorpus.stems)
    func everyGoldTextIsWholeInACell(stem: String) throws {
        let name = "\(stem).pdf"
        let tableCells = PDFCorpus.cells(of: try PDFCorpus.extraction(name).document)
        let cells = tableCells.map { PDFCorpus.squeezed($0.text) }
        let gold = try PDFCorpus.goldCellTexts(stem)
        var missing: [String] = []
        var split = 0
        for (field, text) in gold where !cells.contains(PDFCorpus.squeezed(text)) {
            if isSplitAcrossPages(PDFCorpus.squeezed(text), in: tableCells) {
                split += 1
            } else {
                missing.append("\(field): \(text)")
            }
        }
        let whole = gold.count - missing.count - split
        let share = percent(whole, gold.count)
        print("\(name): \(whole)/\(gold.count) gold texts whole in one cell (\(share)), \(split) split by a page break")
        #expect(missing.isEmpty, "not found whole in any cell: \(missing)")

        // A third-level indicator or goal text is in exactly as many cells as the gold has it.
        let counted = gold.filter { ["indicators.level3", "goals.expected", "goals.actual"].contains($0.field) }
        for (_, text) in counted {
            let key = PDFCorpus.squeezed(text)
            let inGold = gold.filter { PDFCorpus.squeezed($0.text) == key }.count
            let inCells = cells.filter { $0 == key }.count
            #expect(inCells == inGold || (inCells == 0 && isSplitAcrossPages(key, in: tableCells)), "\(text)")
        }
    }

    private func isSplitAcrossPages(_ text: String, in cells: [TableCell]) -> Bool {
        for first in cells where !first.text.isEmpty && text.hasPrefix(PDFCorpus.squeezed(first.text)) {
            let rest = text.dropFirst(PDFCorpus.squeezed(first.text).count)
            if cells.contains(where: { $0.page == first.page.map { $0 + 1 } && PDFCorpus.squeezed($0.text) == rest }) {
                return true
            }
        }
        return false
    }

    @Test(arguments: PDFCorpus.stems)
    func ocrLayerSharesAreReported(stem: String) throws {
        let name = "\(stem).ocr.pdf"
        let extraction = try PDFCorpus.extraction(name)
        #expect(extraction.document.pages.allSatisfy { $0.textSource == .ocrTextLayer })
        let born = try PDFCorpus.extraction("\(stem).pdf").document
        // The scan's grid is the printed grid: same cells per page as the born-digital file.
        #expect(extraction.document.pages.map(\.cellCount) == born.pages.map(\.cellCount))
        let cells = PDFCorpus.cells(of: extraction.document).map { PDFCorpus.squeezed($0.text) }
        let gold = try PDFCorpus.goldCellTexts(stem)
        let found = gold.filter { cells.contains(PDFCorpus.squeezed($0.text)) }.count
        print("\(name): \(found)/\(gold.count) gold texts whole in one cell (\(percent(found, gold.count)))")
    }

    /// A scan with a text layer from an engine the metadata does not name is found by its
    /// page-sized image.
    @Test func unnamedOCRLayerIsFoundByItsPageImage() throws {
        var bytes = try Data(contentsOf: PDFCorpus.url("dev-03.ocr.pdf"))
        let producer = Data("(Tesseract 5.3.0)".utf8)
        let range = try #require(bytes.range(of: producer))
        bytes.replaceSubrange(range, with: Data("(Office scan 1.0)".utf8))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("formpipe-\(UUID().uuidString).pdf")
        try bytes.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let extraction = try PDFExtractor().extractWithLayouts(file: file, displayName: "scan.pdf")
        #expect(extraction.document.notes["pdf.producer"] == "Office scan 1.0")
        #expect(extraction.document.pages.map(\.textSource) == [.ocrTextLayer])
        #expect(extraction.pages.map(\.renderDPI) == [100])
        #expect(
            extraction.document.pages.map(\.cellCount)
                == (try PDFCorpus.extraction("dev-03.pdf")).document.pages.map(\.cellCount))
    }

    @Test(arguments: PDFCorpus.stems)
    func imageOnlyScansGiveEmptyCellsForOCR(stem: String) throws {
        let document = try PDFCorpus.extraction("\(stem).scan.pdf").document
        let born = try PDFCorpus.extraction("\(stem).pdf").document
        #expect(document.pages.allSatisfy { $0.textSource == .ocr })
        #expect(document.pages.map(\.cellCount) == born.pages.map(\.cellCount))
        #expect(PDFCorpus.cells(of: document).allSatisfy { $0.text.isEmpty })
    }

    @Test func debugDumpListsRulingsCellsAndWords() throws {
        let page = try #require(try PDFCorpus.extraction("dev-01.pdf").pages.first)
        let dump = page.debugDescription
        #expect(dump.hasPrefix("page 1: 595.28 × 841.89 pt, text source text-layer"))
        #expect(dump.contains("## table 1: 121 cells"))
        #expect(dump.contains("\"年初预算\\n数\""))
        #expect(dump.contains("## words"))
    }

    private func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "n/a" : String(format: "%.1f%%", 100 * Double(part) / Double(whole))
    }
}
