import FormPipeLayout

/// One cell cut out of a page image, ready for Tesseract: ruling-free, with a margin of paper
/// around the text, and measured for ink so that empty cells are never OCR'd.
package struct CellImage {
    /// Grey pixels, `width × height`, row-major.
    let pixels: [UInt8]
    let width: Int
    let height: Int
    /// Where the crop's (0, 0) lies in the page image, in pixels. Includes the margin.
    let originX: Int
    let originY: Int
    /// Ink pixels (darker than the ink threshold) inside the crop.
    let inkCount: Int
    /// Text lines found by horizontal projection, as pixel row ranges in the crop.
    let lineBands: [Range<Int>]

    init(pixels: [UInt8], width: Int, height: Int, originX: Int, originY: Int, inkCount: Int, lineBands: [Range<Int>]) {
        self.pixels = pixels
        self.width = width
        self.height = height
        self.originX = originX
        self.originY = originY
        self.inkCount = inkCount
        self.lineBands = lineBands
    }

    /// Cuts `box` (pixels of `page`) shrunk by `inset` pixels on every side and surrounds it with
    /// `margin` pixels of paper: Tesseract finds text that touches the image's border badly.
    ///
    /// - Parameter ink: the grey level below which a pixel is ink.
    init?(page: GreyImage, box: PixelBox, inset: Int, margin: Int, ink: UInt8, paper: UInt8) {
        let x0 = max(0, box.x0 + inset)
        let y0 = max(0, box.y0 + inset)
        let x1 = min(page.width, box.x1 - inset)
        let y1 = min(page.height, box.y1 - inset)
        guard x1 - x0 >= 4, y1 - y0 >= 4 else { return nil }
        let width = x1 - x0 + 2 * margin
        let height = y1 - y0 + 2 * margin
        var pixels = [UInt8](repeating: paper, count: width * height)
        var inkRows = [Int](repeating: 0, count: height)
        var inkCount = 0
        page.pixels.withUnsafeBufferPointer { source in
            for y in y0..<y1 {
                let sourceRow = y * page.width
                let targetRow = (y - y0 + margin) * width + margin
                var rowInk = 0
                for x in x0..<x1 {
                    let value = source[sourceRow + x]
                    pixels[targetRow + x - x0] = value
                    if value < ink { rowInk += 1 }
                }
                inkRows[y - y0 + margin] = rowInk
                inkCount += rowInk
            }
        }
        self.pixels = pixels
        self.width = width
        self.height = height
        self.originX = x0 - margin
        self.originY = y0 - margin
        self.inkCount = inkCount
        self.lineBands = Self.bands(inkRows: inkRows, minimumInk: 2, joinGap: max(2, margin / 4))
    }

    /// Runs of rows with ink, joining runs separated by fewer than `joinGap` blank rows (the
    /// gap inside a character such as "三" is small; the gap between two text lines is not).
    static func bands(inkRows: [Int], minimumInk: Int, joinGap: Int) -> [Range<Int>] {
        var bands: [Range<Int>] = []
        var start: Int?
        var lastInk = -1
        for (y, count) in inkRows.enumerated() where count >= minimumInk {
            if let first = start, y - lastInk > joinGap {
                bands.append(first..<(lastInk + 1))
                start = y
            } else if start == nil {
                start = y
            }
            lastInk = y
        }
        if let first = start { bands.append(first..<(lastInk + 1)) }
        return bands
    }

    /// Text lines: ink bands at least `minimumHeight` pixels tall (dust and a stray dot are not
    /// lines; the shortest glyph that stands alone in a cell, "—", is counted through `inkCount`).
    func textLines(minimumHeight: Int) -> [Range<Int>] {
        lineBands.filter { $0.count >= minimumHeight }
    }
}
