import Foundation
import Testing

@testable import FormPipeCore
@testable import FormPipeLayout
@testable import FormPipePipeline
@testable import FormPipeReview

/// The crops of the review page: drawn from the text layer on born-digital pages, cut from a
/// render on scanned ones.
struct ReviewCropTests {
    private static let sketch = PageSketch(
        width: 600, height: 800,
        words: [
            TextLine(text: "587.0490", page: 1, box: BoundingBox(x0: 100, y0: 100, x1: 140, y1: 110)),
            TextLine(text: "60", page: 1, box: BoundingBox(x0: 100, y0: 112, x1: 110, y1: 122)),
            TextLine(text: "R&D <1>", page: 1, box: BoundingBox(x0: 150, y0: 100, x1: 190, y1: 110)),
            TextLine(text: "far away", page: 1, box: BoundingBox(x0: 400, y0: 600, x1: 450, y1: 610)),
        ],
        rulings: [
            RulingSegment(orientation: .horizontal, start: PagePoint(x: 90, y: 95), end: PagePoint(x: 300, y: 95)),
            RulingSegment(orientation: .vertical, start: PagePoint(x: 145, y: 50), end: PagePoint(x: 145, y: 300)),
            RulingSegment(orientation: .horizontal, start: PagePoint(x: 0, y: 700), end: PagePoint(x: 600, y: 700)),
        ])

    @Test func aDrawingShowsTheWordsAndRulingsAroundTheCellOnly() throws {
        let cell = BoundingBox(x0: 95, y0: 96, x1: 145, y1: 124)
        let svg = String(decoding: TextLayerCropDrawer.svg(Self.sketch, around: cell), as: UTF8.self)
        // The cell with 48 pt either side and 20 pt above and below, clipped to the page.
        #expect(svg.contains(#"viewBox="47 76 146 68""#))
        #expect(svg.contains(#"width="304.17" height="141.67""#))
        #expect(svg.contains(">587.0490</text>") && svg.contains(">60</text>"))
        #expect(svg.contains(">R&amp;D &lt;1&gt;</text>"))
        #expect(!svg.contains("far away"))
        #expect(svg.components(separatedBy: "<line ").count - 1 == 2)
        #expect(svg.contains(#"<rect x="94.5" y="95.5" width="51" height="29" fill="none""#))
        #expect(ScanCrops.isDrawing(Data(svg.utf8)))
        var crops = ScanCrops()
        crops.images["f01-funds-0-executed"] = Data(svg.utf8)
        #expect(crops.dataURI(form: 1, field: "funds[0].executed")?.hasPrefix("data:image/svg+xml;base64,") == true)
    }

    @Test func aCellAtThePageEdgeKeepsItsDrawingOnThePage() {
        let svg = String(
            decoding: TextLayerCropDrawer.svg(Self.sketch, around: BoundingBox(x0: 0, y0: 0, x1: 30, y1: 10)),
            as: UTF8.self)
        #expect(svg.contains(#"viewBox="0 0 78 30""#))
    }

    /// A born-digital PDF's pages are all drawn; an image-only scan's are not, and its repaired
    /// cells get PNGs cut from a render of the scan.
    @Test func bornDigitalPagesAreDrawnAndScannedPagesRendered() throws {
        let bornDigital = try PDFCorpus.extraction("dev-02.pdf")
        #expect(PageSketch.drawable(from: bornDigital.pages).keys.sorted() == [1, 2])

        let scan = try ScanCorpus.extraction("dev-02", .imageOnly)
        #expect(PageSketch.drawable(from: scan.pages).isEmpty)
        let converted = DocumentConverter().convert(scan.document)
        let log = try RepairLogFile(text: converted.repairLogLines(), name: "repairs.jsonl")
        let located = log.machineRepairs.filter { $0.page != nil && ($0.bbox?.width ?? 0) > 0 }
        #expect(!located.isEmpty)
        let crops = ScanCropRenderer.crops(for: log, pdf: PDFCorpus.url("dev-02.scan.pdf"))
        for repair in located {
            let png = try #require(crops.image(form: repair.form, field: repair.field), "\(repair.id)")
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(repair.id)")
        }
    }
}

extension ReviewCropTests {
    @Test(arguments: [
        (0.0, "0"), (12.0, "12"), (12.5, "12.5"), (12.05, "12.05"), (12.345, "12.35"), (-3.1, "-3.1"), (-0.004, "0"),
        (0.07, "0.07"), (99.999, "100"),
    ])
    func drawingNumbersHaveTwoDecimalsAtMost(value: Double, text: String) {
        #expect(formatted(value) == text)
    }
}
