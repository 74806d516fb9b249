import Testing

@testable import FormPipeExtract
@testable import FormPipeLayout

/// Column-aware reading on constructed Tesseract output: which alternatives are taken, and the
/// readings that must be left alone.
struct OCRColumnReadingTests {
    /// A word of one symbol per character; `choices[i]` are symbol i's alternatives, best first.
    private func word(_ text: String, choices: [[(String, Double)]] = []) -> OCRWord {
        let symbols = Array(text).enumerated().map { index, character in
            OCRSymbol(
                text: String(character), confidence: 0.9,
                box: PixelBox(x0: index * 10, y0: 0, x1: index * 10 + 9, y1: 20),
                alternatives: (index < choices.count ? choices[index] : []).map {
                    OCRChoice(text: $0.0, confidence: $0.1)
                })
        }
        return OCRWord(
            text: text, confidence: 0.9, box: PixelBox(x0: 0, y0: 0, x1: text.count * 10, y1: 20), line: 0,
            symbols: symbols)
    }

    static let numericCases: [(read: String, choices: [[(String, Double)]], expected: String)] = [
        // "]" is not a number's; its alternative "1" is.
        ("1]", [[], [("]", 0.6), ("1", 0.3)]], "11"),
        ("l0", [[("l", 0.5), ("I", 0.3), ("1", 0.2)]], "10"),
        // A dash read as the ideograph "一": the column's "—" is among the choices.
        ("一", [[("一", 0.7), ("—", 0.2)]], "—"),
        ("7.S", [[], [], [("S", 0.8), ("5", 0.1)]], "7.5"),
        // Already a number: an alternative digit is never preferred ("8" or "6" is not ours to say).
        ("8", [[("8", 0.5), ("6", 0.45)]], "8"),
        ("100%", [[], [], [], [("%", 0.9), ("9", 0.1)]], "100%"),
        ("48万元", [], "48万元"),
        // Nothing that fits: left as read, for the charset re-read to try.
        ("S", [[("S", 0.9), ("s", 0.1)]], "S"),
        // An alternative below the noise floor is not a reading.
        ("x", [[("x", 0.99), ("4", 0.001)]], "x"),
    ]

    @Test(arguments: numericCases)
    func numericColumnPrefersAFittingAlternative(
        _ example: (read: String, choices: [[(String, Double)]], expected: String)
    ) {
        let chosen = NumericReadingChooser().choose(in: [word(example.read, choices: example.choices)])
        #expect(chosen.words.map(\.text).joined() == example.expected)
        #expect((chosen.chosenConfidence != nil) == (example.read != example.expected))
    }

    @Test func columnAwareReadingLeavesTextColumnsAlone() {
        let words = [word("1]", choices: [[], [("]", 0.6), ("1", 0.3)]])]
        let image = CellImage(pixels: [255], width: 1, height: 1, originX: 0, originY: 0, inkCount: 0, lineBands: [])
        let text = ColumnAwareReading().correct(words, kind: .text, image: image, em: 42)
        #expect(text.rules.isEmpty && text.words == words)
        let number = ColumnAwareReading().correct(words, kind: .number, image: image, em: 42)
        #expect(number.rules == ["ocr-numeric-choice"])
        #expect(number.words.map(\.text) == ["11"])
        #expect(abs(number.confidence - 0.3) < 1e-9)
    }

    @Test func signReplacesWhatWasReadOverIt() {
        let sign = ComparisonSignDetector.Detection(sign: "≥", box: PixelBox(x0: 0, y0: 0, x1: 9, y1: 20))
        // "之90%": "之" lies on the sign and goes; the digits stay.
        #expect(ColumnAwareReading.replacing(sign, in: [word("之90%")]).map(\.text).joined() == "≥90%")
        // "290%": the sign was read as "2".
        #expect(ColumnAwareReading.replacing(sign, in: [word("290%")]).map(\.text).joined() == "≥90%")
        // The sign was not read at all: it is put in front.
        let shifted = OCRWord(
            text: "90%", confidence: 0.9, box: PixelBox(x0: 12, y0: 0, x1: 40, y1: 20), line: 0,
            symbols: word("90%").symbols.map {
                var s = $0
                s.box = s.box.shifted(dx: 12, dy: 0)
                return s
            })
        #expect(ColumnAwareReading.replacing(sign, in: [shifted]).map(\.text).joined() == "≥90%")
    }

    @Test func headersTeachTheTrackerItsColumns() {
        var tracker = ColumnKindTracker()
        func box(_ x0: Double, _ x1: Double) -> BoundingBox { BoundingBox(x0: x0, y0: 100, x1: x1, y1: 120) }
        // In reading order: a label row, then the funds header (a later header wins its columns).
        tracker.see("联系电话", box: box(330, 410), page: 1, row: 2, column: 6, columnSpan: 3)
        tracker.see("年初预 算数", box: box(180, 240), page: 1, row: 3, column: 3, columnSpan: 1)
        tracker.see("分值", box: box(330, 370), page: 1, row: 3, column: 6, columnSpan: 1)
        #expect(tracker.kind(of: box(181, 239), page: 1, row: 4, column: 3) == .number)
        #expect(tracker.kind(of: box(331, 369), page: 1, row: 4, column: 6) == .number)
        #expect(tracker.kind(of: box(90, 180), page: 1, row: 4, column: 1) == .text)
        // The cell right of 联系电话 holds digits.
        #expect(tracker.kind(of: box(410, 540), page: 1, row: 2, column: 9) == .number)
        // The indicator table's header redefines the columns under it, on later pages too.
        tracker.see("年度\n指标\n值", box: box(330, 380), page: 1, row: 10, column: 6, columnSpan: 2)
        tracker.see("三级指标", box: box(180, 330), page: 1, row: 10, column: 3, columnSpan: 3)
        #expect(tracker.kind(of: box(331, 379), page: 2, row: 0, column: 4) == .measure)
        #expect(tracker.kind(of: box(181, 240), page: 2, row: 0, column: 3) == .text)
    }

    static let plausibility: [(text: String, kind: CellReadingKind, plausible: Bool)] = [
        ("项 目 名 称", .text, true),
        ("市 经 济 和 信息 化 局", .text, true),
        ("100%", .number, true),
        ("587.0490\n60", .number, true),
        ("aes", .text, false),
        ("eee es |", .text, false),
        ("| 专 精 特 新", .text, false),
        ("", .text, false),
        ("1]", .number, false),
        ("四", .number, false),
    ]

    @Test(arguments: plausibility)
    func scannerLayerTextIsJudged(_ example: (text: String, kind: CellReadingKind, plausible: Bool)) {
        #expect(TextLayerPlausibility.isPlausible(example.text, kind: example.kind) == example.plausible)
    }
}
