extension ScannedPageReader {
    /// The text outside the tables: the bands above, between and below them (the whole page when
    /// there is no table), each trimmed to its ink and read with full layout analysis, since a
    /// title and a year line differ in size and a page number stands alone.
    func readOutside(_ layout: PageLayout, page: GreyImage, ink: UInt8, paper: UInt8, statistics: inout Statistics)
        -> [TextLine]
    {
        let gap = 2.0
        var top = 0.0
        var bands: [(Double, Double)] = []
        for table in layout.tables.map(\.box).sorted(by: { $0.y0 < $1.y0 }) {
            if table.y0 - gap > top { bands.append((top, table.y0 - gap)) }
            top = max(top, table.y1 + gap)
        }
        if layout.height > top { bands.append((top, layout.height)) }

        var characters: [PageCharacter] = []
        for (y0, y1) in bands {
            let band = PixelBox(x0: 0, y0: pixels(y0), x1: page.width, y1: min(page.height, pixels(y1)))
            guard let inked = Self.inkBounds(of: band, in: page, ink: ink, minimumPerLine: 2) else { continue }
            guard let region = CellImage(page: page, box: inked, inset: 0, margin: pixels(6), ink: ink, paper: paper),
                region.inkCount >= minimumInk
            else { continue }
            statistics.regionsRead += 1
            let words = recognize(region, segmentation: .page, alternatives: false, latinFallback: true)
            characters += words.pageCharacters(originX: region.originX, originY: region.originY, scale: scale)
        }

        let em = TextLineGrouper.em(of: characters)
        var lines: [TextLine] = []
        for line in TextLineGrouper.lines(of: characters) {
            for piece in TextLineGrouper.pieces(of: line, em: em) {
                lines.append(TextLine(text: TextLineGrouper.text(of: piece, em: em), page: layout.pageNumber, box: piece.box))
            }
        }
        return lines
    }

    /// The smallest box inside `region` holding every row and column with at least
    /// `minimumPerLine` ink pixels; nil when there is none.
    static func inkBounds(of region: PixelBox, in page: GreyImage, ink: UInt8, minimumPerLine: Int) -> PixelBox? {
        guard region.width > 0, region.height > 0 else { return nil }
        var rows = [Int](repeating: 0, count: region.height)
        var columns = [Int](repeating: 0, count: region.width)
        page.pixels.withUnsafeBufferPointer { pixels in
            for y in region.y0..<region.y1 {
                let row = y * page.width
                for x in region.x0..<region.x1 where pixels[row + x] < ink {
                    rows[y - region.y0] += 1
                    columns[x - region.x0] += 1
                }
            }
        }
        guard let top = rows.firstIndex(where: { $0 >= minimumPerLine }),
            let bottom = rows.lastIndex(where: { $0 >= minimumPerLine }),
            let left = columns.firstIndex(where: { $0 >= minimumPerLine }),
            let right = columns.lastIndex(where: { $0 >= minimumPerLine })
        else { return nil }
        return PixelBox(
            x0: region.x0 + left, y0: region.y0 + top, x1: region.x0 + right + 1, y1: region.y0 + bottom + 1)
    }
}
