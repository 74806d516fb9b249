import FormPipeLayout

extension GreyImage {
    /// Paints the table's ruling lines over with paper, so that a cell cut from the page holds
    /// only its text: a ruling left at a crop's edge is read as "|", "_" or "一" by Tesseract,
    /// or makes it see one more text line.
    ///
    /// Rulings come from a lower-resolution render (±1 source pixel), synthesised closing edges
    /// can sit a little off the printed line, and a scanned line is blurred over a few pixels.
    /// So at every step along a ruling the ink run nearest to its centre line within `search`
    /// pixels is erased when it is no thicker than `maximumThickness` (a character stroke that
    /// touches the line is thicker across and survives), and `halfWidth` pixels either side of
    /// the centre line always are. The centre follows the ruling's slope: a skewed scan's lines
    /// are not axis-aligned.
    ///
    /// - Parameters:
    ///   - rulings: in points.
    ///   - scale: pixels per point of this image (dpi / 72).
    ///   - paper: the image's `paperLevel()` when the caller has it already.
    package mutating func eraseRulings(
        _ rulings: [RulingSegment], scale: Double, ink: UInt8, halfWidth: Int, search: Int, maximumThickness: Int,
        paper: UInt8? = nil
    ) {
        let paper = paper ?? paperLevel()
        for ruling in rulings {
            let horizontal = ruling.orientation == .horizontal
            // Along = x for a horizontal ruling, y for a vertical one.
            let (startAlong, startAcross) =
                horizontal ? (ruling.start.x, ruling.start.y) : (ruling.start.y, ruling.start.x)
            let (endAlong, endAcross) = horizontal ? (ruling.end.x, ruling.end.y) : (ruling.end.y, ruling.end.x)
            let alongLimit = horizontal ? width : height
            let acrossLimit = horizontal ? height : width
            let first = max(0, Int(startAlong * scale) - halfWidth)
            let last = min(alongLimit - 1, Int(endAlong * scale) + halfWidth)
            guard first <= last else { continue }
            let slope = endAlong > startAlong ? (endAcross - startAcross) / (endAlong - startAlong) : 0
            for along in first...last {
                let centre = Int(((startAcross + slope * (Double(along) / scale - startAlong)) * scale).rounded())
                func index(_ across: Int) -> Int { horizontal ? across * width + along : along * width + across }
                func isInk(_ across: Int) -> Bool { pixels[index(across)] < ink }
                var low = max(0, centre - halfWidth)
                var high = min(acrossLimit - 1, centre + halfWidth)
                // The ink run nearest to the centre line within the search window (above it first
                // at equal distance). A plain loop: this runs for every pixel along every edge.
                func isInkInside(_ across: Int) -> Bool { across >= 0 && across < acrossLimit && isInk(across) }
                var nearest: Int?
                for distance in 0...search {
                    if isInkInside(centre - distance) {
                        nearest = centre - distance
                    } else if isInkInside(centre + distance) {
                        nearest = centre + distance
                    }
                    if nearest != nil { break }
                }
                if let nearest {
                    var top = nearest
                    var bottom = nearest
                    while top > 0, nearest - top < search * 2, isInk(top - 1) { top -= 1 }
                    while bottom < acrossLimit - 1, bottom - nearest < search * 2, isInk(bottom + 1) { bottom += 1 }
                    if bottom - top + 1 <= maximumThickness {
                        low = min(low, max(0, top - 1))
                        high = max(high, min(acrossLimit - 1, bottom + 1))
                    }
                }
                guard low <= high else { continue }
                for across in low...high { pixels[index(across)] = paper }
            }
        }
    }
}

extension DetectedTable {
    /// The four edges of every cell as ruling segments, tilted by the table's skew.
    ///
    /// These, not the page's raw rulings, are what OCR erases: the line detector also reports
    /// short strokes of large characters ("一", the top of "支") as rulings, which the grid
    /// ignores but erasing would cut out of the text. A cell's box holds the means of its
    /// corners, so on a skewed page each edge runs ± half its tilt about the box's side.
    var cellEdges: [RulingSegment] {
        cells.flatMap { cell -> [RulingSegment] in
            let box = cell.box
            let halfRise = skew * box.width / 2
            let halfShift = skew * box.height / 2
            func horizontal(_ y: Double) -> RulingSegment {
                RulingSegment(
                    orientation: .horizontal, start: PagePoint(x: box.x0, y: y - halfRise),
                    end: PagePoint(x: box.x1, y: y + halfRise))
            }
            func vertical(_ x: Double) -> RulingSegment {
                RulingSegment(
                    orientation: .vertical, start: PagePoint(x: x + halfShift, y: box.y0),
                    end: PagePoint(x: x - halfShift, y: box.y1))
            }
            return [horizontal(box.y0), horizontal(box.y1), vertical(box.x0), vertical(box.x1)]
        }
    }
}
