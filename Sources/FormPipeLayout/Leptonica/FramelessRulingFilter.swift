/// Drops the "rulings" of a scan that belong to no table frame: groups of crossing lines none
/// of which is long.
///
/// The grey morphology of `ScanPageCleaner.rulingImage` bridges short breaks along a line, and
/// on a bold, slightly skewed title it joins the strokes of neighbouring characters into short
/// lines that close a box: a one-cell "table" cut out of the title, whose text was then lost
/// ("项目支出绩效自评表" read as "Us"). Every rule of a real table is connected, through
/// crossings, to its frame, whose lines are long; strokes of glyphs are not.
package struct FramelessRulingFilter {
    /// How far (pixels) a line may stop short of a crossing line and still meet it.
    package let tolerance: Double
    /// A group of lines is a table's only if one of them is at least this long (pixels).
    package let frameLength: Double

    package init(tolerance: Double, frameLength: Double) {
        self.tolerance = tolerance
        self.frameLength = frameLength
    }

    package func kept(_ rulings: [RulingSegment]) -> [RulingSegment] {
        var group = Array(rulings.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while group[index] != index { index = group[index] }
            return index
        }
        for a in rulings.indices {
            for b in rulings.indices where b > a && rulings[a].orientation != rulings[b].orientation {
                guard let cross = rulings[a].lineIntersection(with: rulings[b]),
                    rulings[a].reaches(cross, tolerance: tolerance), rulings[b].reaches(cross, tolerance: tolerance)
                else { continue }
                group[root(a)] = root(b)
            }
        }
        let framed = Set(rulings.indices.filter { rulings[$0].length >= frameLength }.map(root))
        return rulings.indices.filter { framed.contains(root($0)) }.map { rulings[$0] }
    }
}
