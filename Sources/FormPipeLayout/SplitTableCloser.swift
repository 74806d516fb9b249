/// Draws the ruling a page break left out.
///
/// When a table continues on the next page, the cells cut by the break have no bottom ruling on
/// the first page and no top ruling on the next (a merged "效益指标" cell is open at the page's
/// last row). Without those rulings the cells are not bounded on four sides and their text falls
/// outside the table. Where two or more vertical rulings end at the lowest (or start at the
/// highest) point of the page's rulings, the missing horizontal is added across them, joined
/// with any ruling already there.
///
/// Heights are compared along the page's skew, so a tilted scan's cut edge is found as well.
public enum SplitTableCloser {
    public static func closingCutEdges(of segments: [RulingSegment], tolerance: Double) -> [RulingSegment] {
        let verticals = segments.filter { $0.orientation == .vertical }
        guard verticals.count >= 2 else { return segments }
        let slope = TableGridBuilder.medianSlope(
            of: segments.filter { $0.orientation == .horizontal && $0.length > 100 })
        // Height measured along the skew: a horizontal ruling has the same level everywhere.
        func level(_ point: PagePoint) -> Double { point.y - slope * point.x }

        var result = segments
        for end in [\RulingSegment.end, \RulingSegment.start] {
            let levels = verticals.map { level($0[keyPath: end]) }
            let frontier = end == \RulingSegment.end ? levels.max()! : levels.min()!
            let reaching = verticals.filter { abs(level($0[keyPath: end]) - frontier) <= tolerance }
            guard reaching.count >= 2 else { continue }
            var minX = reaching.map { $0[keyPath: end].x }.min()!
            var maxX = reaching.map { $0[keyPath: end].x }.max()!
            // Join the rulings already lying on the frontier instead of doubling them.
            let existing = result.indices.filter { index in
                let line = result[index]
                guard line.orientation == .horizontal, line.end.x >= minX - tolerance, line.start.x <= maxX + tolerance
                else { return false }
                return abs(level(line.start) - frontier) <= tolerance && abs(level(line.end) - frontier) <= tolerance
            }
            for index in existing {
                minX = min(minX, result[index].start.x)
                maxX = max(maxX, result[index].end.x)
            }
            for index in existing.reversed() { result.remove(at: index) }
            result.append(
                RulingSegment(
                    orientation: .horizontal, start: PagePoint(x: minX, y: frontier + slope * minX),
                    end: PagePoint(x: maxX, y: frontier + slope * maxX)))
        }
        return result
    }
}
