/// A rectangle in an image's pixels, origin top-left, `x1`/`y1` exclusive.
public struct PixelBox: Sendable, Hashable {
    public var x0: Int
    public var y0: Int
    public var x1: Int
    public var y1: Int

    public init(x0: Int, y0: Int, x1: Int, y1: Int) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }

    public var width: Int { x1 - x0 }
    public var height: Int { y1 - y0 }

    public func shifted(dx: Int = 0, dy: Int) -> PixelBox {
        PixelBox(x0: x0 + dx, y0: y0 + dy, x1: x1 + dx, y1: y1 + dy)
    }
}

/// One candidate reading of a symbol, from Tesseract's choice iterator.
public struct OCRChoice: Sendable, Hashable {
    public var text: String
    /// 0…1.
    public var confidence: Double

    public init(text: String, confidence: Double) {
        self.text = text
        self.confidence = confidence
    }
}

/// One symbol (character) Tesseract read, with the alternatives it considered when they were
/// asked for. `alternatives` is best first and includes `text` itself.
public struct OCRSymbol: Sendable, Hashable {
    public var text: String
    public var confidence: Double
    public var box: PixelBox
    public var alternatives: [OCRChoice]

    public init(text: String, confidence: Double, box: PixelBox, alternatives: [OCRChoice] = []) {
        self.text = text
        self.confidence = confidence
        self.box = box
        self.alternatives = alternatives
    }
}

/// One word Tesseract read: its text, confidence (0…1), box in the recognised image's pixels,
/// the text line it belongs to, and its symbols.
public struct OCRWord: Sendable, Hashable {
    public var text: String
    public var confidence: Double
    public var box: PixelBox
    /// 0-based index of the word's text line in the recognised image, in Tesseract's order.
    public var line: Int
    public var symbols: [OCRSymbol]

    public init(text: String, confidence: Double, box: PixelBox, line: Int, symbols: [OCRSymbol]) {
        self.text = text
        self.confidence = confidence
        self.box = box
        self.line = line
        self.symbols = symbols
    }
}

extension OCRWord {
    /// The word read from a slice of an image, moved into the image's coordinates.
    func shifted(dy: Int, line: Int) -> OCRWord {
        var moved = self
        moved.line = line
        moved.box = box.shifted(dy: dy)
        moved.symbols = symbols.map { symbol in
            var movedSymbol = symbol
            movedSymbol.box = symbol.box.shifted(dy: dy)
            return movedSymbol
        }
        return moved
    }
}

/// Tesseract's page segmentation modes that formpipe uses; the raw values are Tesseract's
/// `PSM_*` numbers.
public enum OCRSegmentation: Int32, Sendable, Hashable {
    /// Find blocks and lines (`PSM_AUTO`): a whole page or a region of unknown layout.
    case page = 3
    /// One uniform block of text (`PSM_SINGLE_BLOCK`): a cell with several lines.
    case block = 6
    /// One text line (`PSM_SINGLE_LINE`): a cell with one line.
    case line = 7
}
