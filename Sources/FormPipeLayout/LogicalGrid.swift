/// Places cells in a logical grid: distinct column edges and row edges, and each cell's first
/// column and row and how many it spans.
///
/// Edges are compared after undoing the page's skew (rotating by the slope of the horizontal
/// rulings), so that on a scan tilted by a degree the left edge of a column at the top of the
/// page and at the bottom still count as the same edge.
enum LogicalGrid {
    static func place(_ cells: [[PagePoint]], skew: Double, tolerance: Double) -> DetectedTable {
        let rotation = PageRotation(slope: skew)
        // Corners in the order [topLeft, topRight, bottomLeft, bottomRight].
        let boxes = cells.map { corners in
            BoundingBox(
                x0: (corners[0].x + corners[2].x) / 2, y0: (corners[0].y + corners[1].y) / 2,
                x1: (corners[1].x + corners[3].x) / 2, y1: (corners[2].y + corners[3].y) / 2)
        }
        let straight = cells.map { corners in
            let points = corners.map(rotation.straightened)
            return BoundingBox(
                x0: (points[0].x + points[2].x) / 2, y0: (points[0].y + points[1].y) / 2,
                x1: (points[1].x + points[3].x) / 2, y1: (points[2].y + points[3].y) / 2)
        }
        let columnEdges = clustered(straight.flatMap { [$0.x0, $0.x1] }, tolerance: tolerance)
        let rowEdges = clustered(straight.flatMap { [$0.y0, $0.y1] }, tolerance: tolerance)

        var placed: [GridCell] = []
        for (box, straightBox) in zip(boxes, straight) {
            let column = nearestIndex(of: straightBox.x0, in: columnEdges)
            let row = nearestIndex(of: straightBox.y0, in: rowEdges)
            let columnEnd = nearestIndex(of: straightBox.x1, in: columnEdges)
            let rowEnd = nearestIndex(of: straightBox.y1, in: rowEdges)
            placed.append(
                GridCell(
                    box: box, straightBox: straightBox, row: row, column: column, rowSpan: max(1, rowEnd - row),
                    columnSpan: max(1, columnEnd - column)))
        }
        placed.sort { ($0.row, $0.column) < ($1.row, $1.column) }
        // A ruling found twice side by side gives two cells at one grid position; keep the first.
        var seen = Set<[Int]>()
        placed = placed.filter { seen.insert([$0.row, $0.column]).inserted }
        return DetectedTable(cells: placed, columnEdges: columnEdges, rowEdges: rowEdges, skew: skew)
    }

    /// Sorted values grouped where neighbours are within `tolerance`; each group's mean.
    static func clustered(_ values: [Double], tolerance: Double) -> [Double] {
        var result: [Double] = []
        var group: [Double] = []
        for value in values.sorted() {
            if let last = group.last, value - last > tolerance {
                result.append(group.reduce(0, +) / Double(group.count))
                group.removeAll()
            }
            group.append(value)
        }
        if !group.isEmpty { result.append(group.reduce(0, +) / Double(group.count)) }
        return result
    }

    /// Binary search for the edge nearest to `value`.
    static func nearestIndex(of value: Double, in edges: [Double]) -> Int {
        var low = 0
        var high = edges.count - 1
        while low < high {
            let middle = (low + high) / 2
            if edges[middle] < value { low = middle + 1 } else { high = middle }
        }
        if low > 0, abs(edges[low - 1] - value) < abs(edges[low] - value) { return low - 1 }
        return low
    }
}
