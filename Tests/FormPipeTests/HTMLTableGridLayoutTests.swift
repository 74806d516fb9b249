import Testing
@testable import FormPipeExtract

/// Grid placement of HTML cells: each cell takes the first column of its row that no earlier
/// rowspan covers.
struct HTMLTableGridLayoutTests {
    typealias Span = TableGridLayout.Span

    static let cases: [(name: String, rows: [[Span]], columns: [[Int]])] = [
        ("plain rows", [[Span(), Span(), Span()], [Span(), Span(), Span()]], [[0, 1, 2], [0, 1, 2]]),
        ("colspan moves the next cell", [[Span(columnSpan: 3), Span()], [Span(), Span(columnSpan: 2), Span()]],
         [[0, 3], [0, 1, 3]]),
        ("rowspan in the first column", [[Span(rowSpan: 3), Span()], [Span()], [Span()]], [[0, 1], [1], [1]]),
        ("rowspans in the first three columns (绩效指标 / 产出指标 / 数量指标)",
         [[Span(rowSpan: 4), Span(rowSpan: 3), Span(rowSpan: 2), Span()], [Span()], [Span(), Span()], [Span(), Span(), Span()]],
         [[0, 1, 2, 3], [3], [2, 3], [1, 2, 3]]),
        ("rowspan in a middle column", [[Span(), Span(rowSpan: 2), Span()], [Span(), Span()]], [[0, 1, 2], [0, 2]]),
        ("a block of colspan × rowspan", [[Span(columnSpan: 2, rowSpan: 2), Span()], [Span()], [Span(), Span(), Span()]],
         [[0, 2], [2], [0, 1, 2]]),
        ("rowspan 0 covers the rest of the table", [[Span(rowSpan: 0), Span()], [Span()], [Span()]], [[0, 1], [1], [1]]),
        ("rowspan past the last row is cut at the table's end", [[Span(rowSpan: 9), Span()], [Span()]], [[0, 1], [1]]),
        ("a row one cell short (lost rowspan) keeps its cells to the left", [[Span(), Span(), Span()], [Span(), Span()]],
         [[0, 1, 2], [0, 1]]),
        ("an empty row still counts for rowspans", [[Span(rowSpan: 3), Span()], [], [Span()]], [[0, 1], [], [1]]),
    ]

    @Test(arguments: cases.indices)
    func placesCells(index: Int) {
        let testCase = Self.cases[index]
        #expect(TableGridLayout.columns(of: testCase.rows) == testCase.columns, "\(testCase.name)")
    }

    @Test(arguments: [
        (nil, nil, Span(columnSpan: 1, rowSpan: 1)),
        (0, 0, Span(columnSpan: 1, rowSpan: 0)),
        (3, 2, Span(columnSpan: 3, rowSpan: 2)),
        (5000, 70000, Span(columnSpan: 1000, rowSpan: 65534)),
    ] as [(Int?, Int?, Span)])
    func readsSpanAttributesLikeHTML(colspan: Int?, rowspan: Int?, expected: Span) {
        #expect(TableGridLayout.span(colspan: colspan, rowspan: rowspan) == expected)
    }
}
