/// The text of an HTML fragment as runs of characters and the breaks between them, before it
/// is turned into a cell's text or into text lines.
///
/// Runs are kept raw (source newlines, `&nbsp;` as U+00A0) until a line is complete, so that
/// whitespace is collapsed the way a browser shows it, across tag boundaries
/// (`<b>48</b> <span>万</span>` is "48 万"), and never inside a word: the spaces OCR put into
/// "年初预 算数" stay, because joining them is the repair stage's job, where it is logged.
struct HTMLTextPieces {
    enum Piece: Equatable {
        case text(String)
        /// `<br>`
        case lineBreak
        /// The start or end of a block element (`<p>`, `<div>`, `<h1>`, a nested table's cell).
        case blockBoundary
    }

    /// Sentence-final punctuation after which a `<br>` in a long cell ends a paragraph.
    static let sentenceEnders: Set<Character> = ["。", "！", "？", "；"]

    /// A cell with at least this many visible characters is "long": the goal cells (预期目标,
    /// 实际完成情况) run to 40–400 characters, while the short cells that can end in "。" (a
    /// deviation note, "符合要求。") wrap at every few characters, so a `<br>` after "。" there
    /// is only where the line ran out.
    static let longCellMinimumLength = 40

    private(set) var pieces: [Piece] = []

    var isEmpty: Bool { pieces.isEmpty }

    mutating func append(_ piece: Piece) {
        pieces.append(piece)
    }

    mutating func removeAll() {
        pieces.removeAll()
    }

    /// The cell text the record stage expects: lines joined with "\n", paragraphs with "\n\n".
    ///
    /// A `<br>` is a line break, except right after sentence-final punctuation in a long cell and
    /// when it is the second of two in a row: those end a paragraph. Block boundaries (`<p>`)
    /// end a paragraph. Breaks at the start or end of the cell, and empty lines, are dropped.
    func cellText() -> String {
        let isLong = visibleCharacterCount >= Self.longCellMinimumLength
        var paragraphs: [[String]] = [[]]
        var line = ""
        var previousWasLineBreak = false

        func endLine() {
            let finished = Self.normalizedLine(line)
            if !finished.isEmpty { paragraphs[paragraphs.count - 1].append(finished) }
            line = ""
        }
        func endParagraph() {
            endLine()
            if !paragraphs[paragraphs.count - 1].isEmpty { paragraphs.append([]) }
        }

        for piece in pieces {
            switch piece {
            case .text(let run):
                line += run
                if Self.hasVisibleCharacters(run) { previousWasLineBreak = false }
            case .lineBreak:
                let current = Self.normalizedLine(line)
                if current.isEmpty {
                    if previousWasLineBreak { endParagraph() }
                } else if isLong, let last = current.last, Self.sentenceEnders.contains(last) {
                    endParagraph()
                } else {
                    endLine()
                }
                previousWasLineBreak = true
            case .blockBoundary:
                endParagraph()
                previousWasLineBreak = false
            }
        }
        endLine()
        return paragraphs.filter { !$0.isEmpty }.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
    }

    /// Text outside tables as lines: every break ends a line, empty lines are dropped.
    func lines() -> [String] {
        var result: [String] = []
        var line = ""
        for piece in pieces {
            switch piece {
            case .text(let run):
                line += run
            case .lineBreak, .blockBoundary:
                let finished = Self.normalizedLine(line)
                if !finished.isEmpty { result.append(finished) }
                line = ""
            }
        }
        let finished = Self.normalizedLine(line)
        if !finished.isEmpty { result.append(finished) }
        return result
    }

    private var visibleCharacterCount: Int {
        pieces.reduce(0) { count, piece in
            guard case .text(let run) = piece else { return count }
            return count + run.unicodeScalars.filter { !Self.isSpace($0) }.count
        }
    }

    /// Collapses each run of HTML whitespace (space, tab, newline, CR, form feed) to one space,
    /// turns each U+00A0 (`&nbsp;`) into one space (an nbsp is a space the author meant, so it
    /// is not collapsed), and trims spaces at both ends. Other spaces (U+3000) are kept as printed.
    static func normalizedLine(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in raw.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{0C}":
                pendingSpace = true
            default:
                if pendingSpace, !scalars.isEmpty { scalars.append(" ") }
                pendingSpace = false
                scalars.append(scalar == "\u{A0}" ? " " : scalar)
            }
        }
        var line = String(scalars)
        while line.hasPrefix(" ") { line.removeFirst() }
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", "\u{0C}", "\u{A0}": true
        default: false
        }
    }

    private static func hasVisibleCharacters(_ run: String) -> Bool {
        run.unicodeScalars.contains { !isSpace($0) }
    }
}
