import FormPipeCore

/// A rectangle on a page, in PDF points with the origin at the top-left corner of the page.
public struct BoundingBox: Sendable, Hashable, Codable {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double

    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }

    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
    public var area: Double { max(0, width) * max(0, height) }

    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
    }

    /// Whether the boxes overlap or touch (a zero-width ruling's box touches what it crosses).
    public func touches(_ other: BoundingBox) -> Bool {
        x0 <= other.x1 && other.x0 <= x1 && y0 <= other.y1 && other.y0 <= y1
    }

    public func intersectionArea(_ other: BoundingBox) -> Double {
        let w = min(x1, other.x1) - max(x0, other.x0)
        let h = min(y1, other.y1) - max(y0, other.y0)
        return w > 0 && h > 0 ? w * h : 0
    }
}

/// One cell of a reconstructed table, as the source drew it.
///
/// `text` is the cell's raw text: lines of the cell joined with "\n", and paragraph breaks the
/// extractor is sure of (an indented first line, `<p>`) as "\n\n". Joining wrapped lines is the
/// repair stage's job, so that every join is logged with the rule that made it.
public struct TableCell: Sendable, Hashable {
    public var text: String
    /// First grid column the cell covers, in the source table's own grid.
    public var column: Int
    public var columnSpan: Int
    public var rowSpan: Int
    /// 1-based page number, where the source has pages.
    public var page: Int?
    public var box: BoundingBox?
    /// Lowest OCR confidence (0…1) of the words in the cell, when an OCR engine read it.
    public var ocrConfidence: Double?
    /// Readings the OCR stage chose over the engine's first choice; the record stage logs each
    /// as a repair of the field the cell fills.
    public var ocrCorrections: [OCRCorrection]

    public init(
        text: String, column: Int, columnSpan: Int = 1, rowSpan: Int = 1, page: Int? = nil,
        box: BoundingBox? = nil, ocrConfidence: Double? = nil, ocrCorrections: [OCRCorrection] = []
    ) {
        self.text = text
        self.column = column
        self.columnSpan = columnSpan
        self.rowSpan = rowSpan
        self.page = page
        self.box = box
        self.ocrConfidence = ocrConfidence
        self.ocrCorrections = ocrCorrections
    }
}

/// One row of a table: the cells that start in this row, left to right. A cell merged down from
/// an earlier row does not appear again (OCR text shows it as an empty cell, which is kept).
public struct TableRow: Sendable, Hashable {
    public var cells: [TableCell]
    public var page: Int?

    public init(cells: [TableCell], page: Int? = nil) {
        self.cells = cells
        self.page = page
    }
}

/// Text outside any table: the title, the year line, headings, page numbers.
public struct TextLine: Sendable, Hashable {
    public var text: String
    public var page: Int?
    public var box: BoundingBox?

    public init(text: String, page: Int? = nil, box: BoundingBox? = nil) {
        self.text = text
        self.page = page
        self.box = box
    }
}

/// What the extract and layout stages hand to the record stage, in reading order.
public enum DocumentBlock: Sendable, Hashable {
    case text(TextLine)
    case row(TableRow)
    /// The source starts a new table here (a new `<table>`, a page break in a PDF's grid).
    case tableBreak(page: Int?)
}

/// How a page's text was obtained; goes into the manifest.
public enum PageTextSource: String, Sendable, Codable {
    case textLayer = "text-layer"
    case ocrTextLayer = "ocr-text-layer"
    case ocr = "ocr"
    case plainText = "plain-text"
    case html = "html"
}

public struct PageInfo: Sendable, Hashable, Codable {
    public var number: Int
    public var textSource: PageTextSource
    public var width: Double?
    public var height: Double?
    /// Table cells found on the page (PDF inputs).
    public var cellCount: Int?

    public init(number: Int, textSource: PageTextSource, width: Double? = nil, height: Double? = nil, cellCount: Int? = nil) {
        self.number = number
        self.textSource = textSource
        self.width = width
        self.height = height
        self.cellCount = cellCount
    }
}

/// The output of extract + layout for one input file.
public struct ExtractedDocument: Sendable {
    public var kind: InputKind
    public var pages: [PageInfo]
    public var blocks: [DocumentBlock]
    /// Extra facts for the manifest (e.g. OCR engine version, languages).
    public var notes: [String: String]

    public init(kind: InputKind, pages: [PageInfo], blocks: [DocumentBlock], notes: [String: String] = [:]) {
        self.kind = kind
        self.pages = pages
        self.blocks = blocks
        self.notes = notes
    }

    public var pageCount: Int { pages.count }
}
