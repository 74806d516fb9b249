/// Puts characters into table cells by geometry and turns each cell's characters into its text.
///
/// Reading order is never used: Poppler's order runs across cells (it joins "410" and "741.55"
/// of neighbouring cells), while a character's box always lies in one cell.
public enum CellTextAssembler {
    /// Each character goes to the cell its box overlaps most; characters that overlap no cell are
    /// returned as `outside`, in their original order. Spaces go by their centre point, because
    /// Poppler stretches a space's box over the gap it stands for, which may cross a ruling.
    public static func assign(_ characters: [PageCharacter], to cells: [BoundingBox])
        -> (perCell: [[PageCharacter]], outside: [PageCharacter])
    {
        var perCell = [[PageCharacter]](repeating: [], count: cells.count)
        var outside: [PageCharacter] = []
        let index = BandIndex(cells)
        for character in characters {
            var best: Int?
            var bestOverlap = 0.0
            let byCentre = character.isWhitespace || character.box.area == 0
            index.forEachCandidate(from: character.box.y0, to: character.box.y1) { cell in
                let overlap: Double
                if byCentre {
                    let box = cells[cell]
                    let inside =
                        (box.x0...box.x1).contains(character.centerX) && (box.y0...box.y1).contains(character.centerY)
                    overlap = inside ? 1e-9 : 0
                } else {
                    overlap = character.box.intersectionArea(cells[cell])
                }
                if overlap > bestOverlap {
                    best = cell
                    bestOverlap = overlap
                }
            }
            if let best { perCell[best].append(character) } else { outside.append(character) }
        }
        return (perCell, outside)
    }

    /// A cell's text: its lines top to bottom joined with "\n", and "\n\n" before a line that
    /// visibly starts a paragraph:
    /// - it is indented 1.3–3 em further than the cell's leftmost line and is not merely centred
    ///   (centred labels such as "服务对象 / 满意度指 / 标" indent a short last line by about as much
    ///   as they leave free on the right); or
    /// - it starts at the left edge, and the line before it ends a sentence (。！？!?) at least an
    ///   em short of the right edge: a numbered list ("（1）… 工作。" / "（2）…") printed flush left.
    ///   A full line of CJK text always ends less than an em short, so a wrapped sentence that
    ///   happens to end at a line end is not taken for a paragraph end.
    public static func text(of characters: [PageCharacter]) -> String {
        text(of: TextLineGrouper.lines(of: characters), em: TextLineGrouper.em(of: characters))
    }

    /// The same, from lines already grouped.
    public static func text(of lines: [CharacterLine], em: Double) -> String {
        let lines = lines.filter { line in line.characters.contains { !$0.isWhitespace } }
        guard let left = lines.map(\.inkStart).min(), let right = lines.map(\.inkEnd).max() else { return "" }
        var text = ""
        for (number, line) in lines.enumerated() {
            if number > 0 {
                text +=
                    startsParagraph(line, after: lines[number - 1], left: left, right: right, em: em) ? "\n\n" : "\n"
            }
            text += TextLineGrouper.text(of: line, em: em)
        }
        return text
    }

    private static func startsParagraph(
        _ line: CharacterLine, after previous: CharacterLine, left: Double, right: Double, em: Double
    ) -> Bool {
        let indent = (line.inkStart - left) / em
        let freeRight = (right - line.inkEnd) / em
        if indent >= 1.3 && indent <= 3 && indent - freeRight > 1 { return true }
        let previousFree = (right - previous.inkEnd) / em
        let sentenceEnd = previous.characters.last { !$0.isWhitespace }.map {
            "。！？!?".unicodeScalars.contains($0.scalar)
        }
        return indent < 0.3 && previousFree >= 1 && sentenceEnd == true
    }
}

/// Cells bucketed by horizontal bands of the page, so each character is compared with the few
/// cells beside it rather than with every cell.
struct BandIndex {
    private let bandHeight = 12.0
    /// `bands[b - firstBand]` lists the cells that reach into band `b`.
    private var bands: [[Int]] = []
    private var firstBand = 0

    init(_ boxes: [BoundingBox]) {
        guard let top = boxes.map({ band(of: $0.y0) }).min(), let bottom = boxes.map({ band(of: $0.y1) }).max()
        else { return }
        firstBand = top
        bands = Array(repeating: [], count: bottom - top + 1)
        for (index, box) in boxes.enumerated() {
            for band in band(of: box.y0)...max(band(of: box.y0), band(of: box.y1)) {
                bands[band - firstBand].append(index)
            }
        }
    }

    private func band(of y: Double) -> Int { Int((y / bandHeight).rounded(.down)) }

    /// Calls `body` with each cell reaching into the bands from `y0` to `y1`. A cell spanning
    /// several of those bands comes once per band: callers keep the best match, so a repeat
    /// changes nothing, and skipping it would cost more than it saves.
    func forEachCandidate(from y0: Double, to y1: Double, _ body: (Int) -> Void) {
        let first = max(band(of: y0), firstBand)
        let last = min(band(of: max(y0, y1)), firstBand + bands.count - 1)
        guard first <= last else { return }
        for band in first...last {
            for cell in bands[band - firstBand] { body(cell) }
        }
    }
}
