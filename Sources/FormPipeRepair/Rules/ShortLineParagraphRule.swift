/// A goal cell whose wrapped lines reached the text as spaces ("…部署调试。 保障各业务…", as OCR
/// HTML writes a cell without `<br>`) has lost its paragraph breaks with them. Chinese text fills
/// every line to the cell's width, so a line that ends in "。" well short of the full lines
/// around it ended a paragraph; the record keeps the next one as a paragraph of its own.
///
/// Only spaces are read as wraps (a line break was already decided by the extractor), and only
/// where the lines show their width: at least two full lines, the short one right after a full
/// one. Spaces OCR puts around Latin words ("实现 OA 系统") make short pieces that do not follow
/// a full line, so they never split.
struct ShortLineParagraphRule: CellTextRule {
    let name = "short-line-paragraph"
    let confidence = 0.8

    /// Sentence-final punctuation a paragraph ends with.
    static let paragraphEnders: Set<Character> = ["。", "！", "？"]
    /// Punctuation that never starts a line (kinsoku): after a space it continues the sentence.
    static let lineStartForbidden: Set<Character> = ["，", "。", "、", "；", "：", "！", "？", "）", "》", "」", "』", "”", ",", ".", ";", ":", ")"]
    /// Lines narrower than this (in CJK character widths) do not show a cell's width.
    static let minimumLineWidth = 10.0
    /// A full line is at most this much narrower than the widest line (half-width characters
    /// and kinsoku, which moves a character to the next line, make full lines differ a little).
    static let fullLineSlack = 1.5
    /// A paragraph's last line is at least this much narrower than a full line.
    static let shortLineMargin = 3.0

    func apply(to text: String, field: FieldKind) -> String {
        guard field == .paragraphs, text.contains(" ") else { return text }
        return text.paragraphParts.map(splitParagraph).joined(separator: "\n\n")
    }

    private func splitParagraph(_ paragraph: String) -> String {
        let lines = paragraph.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard lines.count >= 3, !lines.contains(where: { $0.contains("\n") }) else { return paragraph }
        let widths = lines.map(Self.width)
        let widest = widths.max() ?? 0
        guard widest >= Self.minimumLineWidth else { return paragraph }
        let isFull = widths.map { $0 >= widest - Self.fullLineSlack }
        guard isFull.filter({ $0 }).count >= 2 else { return paragraph }

        var output = lines[0]
        for index in 1..<lines.count {
            let previous = index - 1
            let endsParagraph =
                previous >= 1 && isFull[previous - 1] && widths[previous] <= widest - Self.shortLineMargin
                && lines[previous].last.map(Self.paragraphEnders.contains) == true
                && lines[index].first.map { !Self.lineStartForbidden.contains($0) } == true
            output += endsParagraph ? "\n\n" : " "
            output += lines[index]
        }
        return output
    }

    /// The printed width of a line in CJK character widths: Latin letters, digits and ASCII
    /// punctuation are half as wide.
    static func width(_ line: String) -> Double {
        line.reduce(0) { $0 + ($1.isASCII ? 0.5 : 1) }
    }
}
