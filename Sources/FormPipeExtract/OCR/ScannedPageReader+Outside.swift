import FormPipeLayout

extension ScannedPageReader {
    /// The text outside the tables: the bands above, between and below them (the whole page when
    /// there is no table), each trimmed to its ink and read with full layout analysis, since a
    /// title and a year line differ in size and a page number stands alone.
    func readOutside(_ layout: PageLayout, page: GreyImage, ink: UInt8, paper: UInt8)
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
            // Dust in a page's empty margins would stretch the region over the whole band and
            // cost seconds of layout analysis on nothing: the region is the band's ink once
            // specks are removed. Its grey pixels are read, not the cleaned ones: titles are
            // large and bold, and Tesseract's own threshold keeps "年度" apart where ours joins
            // strokes ("(2021年度)" read as "(202147)").
            guard let crop = CellImage(page: page, box: band, inset: 0, margin: 0, ink: ink, paper: paper),
                crop.inkCount >= minimumInk, let cleaned = crop.cleaned(ink: ink, paper: paper, em: em),
                cleaned.inkCount >= minimumInk
            else { continue }
            let inked = PixelBox(
                x0: cleaned.originX, y0: cleaned.originY, x1: cleaned.originX + cleaned.width,
                y1: cleaned.originY + cleaned.height)
            guard let region = CellImage(page: page, box: inked, inset: 0, margin: 0, ink: ink, paper: paper) else {
                continue
            }
            let words = recognize(region, segmentation: .page, alternatives: false, latinFallback: true)
            characters += words.pageCharacters(originX: region.originX, originY: region.originY, scale: scale)
        }

        let em = TextLineGrouper.em(of: characters)
        var lines: [TextLine] = []
        for line in TextLineGrouper.lines(of: characters) {
            for piece in TextLineGrouper.pieces(of: line, em: em) {
                lines.append(
                    TextLine(text: TextLineGrouper.text(of: piece, em: em), page: layout.pageNumber, box: piece.box))
            }
        }
        return lines
    }
}
