import FormPipeCore

/// A cell of a detected table: a rectangle bounded by rulings on all four sides, placed in the
/// table's logical grid.
public struct GridCell: Sendable, Hashable {
    /// The cell's rectangle in points (the mean of its corners on each side).
    public var box: BoundingBox
    /// The same rectangle with the page's skew undone (`PageRotation(slope: table.skew)`).
    public var straightBox: BoundingBox
    public var row: Int
    public var column: Int
    public var rowSpan: Int
    public var columnSpan: Int

    public init(box: BoundingBox, straightBox: BoundingBox? = nil, row: Int, column: Int, rowSpan: Int, columnSpan: Int)
    {
        self.box = box
        self.straightBox = straightBox ?? box
        self.row = row
        self.column = column
        self.rowSpan = rowSpan
        self.columnSpan = columnSpan
    }
}

/// A table: cells that share corners, with the grid they were placed in.
public struct DetectedTable: Sendable, Hashable {
    /// Top to bottom, then left to right by starting row and column.
    public var cells: [GridCell]
    /// Distinct column and row edges after removing the skew, in points.
    public var columnEdges: [Double]
    public var rowEdges: [Double]
    /// The slope of the horizontal rulings (dy/dx); 0 on a born-digital page.
    public var skew: Double

    package init(cells: [GridCell], columnEdges: [Double], rowEdges: [Double], skew: Double) {
        self.cells = cells
        self.columnEdges = columnEdges
        self.rowEdges = rowEdges
        self.skew = skew
    }

    public var box: BoundingBox {
        cells.dropFirst().reduce(cells.first?.box ?? BoundingBox(x0: 0, y0: 0, x1: 0, y1: 0)) { $0.union($1.box) }
    }
}

/// Turns ruling segments into tables of cells, the way pdfplumber does it
/// (`edges_to_intersections`, `intersections_to_cells`, `cells_to_tables`), with one change:
/// crossings are identified by the pair of lines that cross rather than by rounded
/// coordinates, so a skewed scan's grid is found as well as a straight one.
public enum TableGridBuilder {
    /// - Parameters:
    ///   - segments: rulings in points.
    ///   - tolerance: how far (points) a line may stop short of a crossing line and still meet
    ///     it; also the distance within which cell edges count as the same grid edge.
    public static func tables(from segments: [RulingSegment], tolerance: Double = 3) -> [DetectedTable] {
        let horizontals = segments.filter { $0.orientation == .horizontal }
        let verticals = segments.filter { $0.orientation == .vertical }
        let crossings = Crossings(horizontals: horizontals, verticals: verticals, tolerance: tolerance)
        // No real cell is under 8 pt: smaller rectangles are strokes of large text on a scan.
        let cells = crossings.cells(minimumSize: max(tolerance, 8))
        guard !cells.isEmpty else { return [] }
        let skew = medianSlope(of: horizontals.filter { $0.length > 100 })
        return connectedGroups(of: cells).map { group in
            LogicalGrid.place(group.map(\.corners), skew: skew, tolerance: tolerance)
        }
        .sorted { $0.box.y0 < $1.box.y0 }
    }

    /// Groups cells that share a corner (pdfplumber's `cells_to_tables`).
    static func connectedGroups(of cells: [CornerCell]) -> [[CornerCell]] {
        var sets = DisjointSets(count: cells.count)
        var ownerOfCorner: [Crossings.Key: Int] = [:]
        for (index, cell) in cells.enumerated() {
            for corner in cell.cornerKeys {
                if let other = ownerOfCorner[corner] {
                    sets.union(index, other)
                } else {
                    ownerOfCorner[corner] = index
                }
            }
        }
        var groups: [Int: [CornerCell]] = [:]
        for index in cells.indices { groups[sets.root(index), default: []].append(cells[index]) }
        return Array(groups.values)
    }

    static func medianSlope(of segments: [RulingSegment]) -> Double {
        let slopes = segments.map { ($0.end.y - $0.start.y) / max(1e-9, $0.end.x - $0.start.x) }.sorted()
        return slopes.isEmpty ? 0 : slopes[slopes.count / 2]
    }
}

/// A cell as four crossing points, before it is placed in a grid.
struct CornerCell {
    var topLeft: PagePoint
    var topRight: PagePoint
    var bottomLeft: PagePoint
    var bottomRight: PagePoint
    var cornerKeys: [Crossings.Key]

    var corners: [PagePoint] { [topLeft, topRight, bottomLeft, bottomRight] }
}

/// The crossings of horizontal and vertical rulings, keyed by which two lines cross.
struct Crossings {
    package struct Key: Hashable {
        package var horizontal: Int
        package var vertical: Int
    }

    private var points: [Key: PagePoint] = [:]
    /// For each horizontal line, the vertical lines it meets, left to right.
    private var verticalsOn: [Int: [Int]] = [:]
    /// For each vertical line, the horizontal lines it meets, top to bottom.
    private var horizontalsOn: [Int: [Int]] = [:]

    init(horizontals: [RulingSegment], verticals: [RulingSegment], tolerance: Double) {
        for (h, horizontal) in horizontals.enumerated() {
            for (v, vertical) in verticals.enumerated() {
                guard let point = horizontal.lineIntersection(with: vertical),
                    horizontal.reaches(point, tolerance: tolerance), vertical.reaches(point, tolerance: tolerance)
                else { continue }
                points[Key(horizontal: h, vertical: v)] = point
                verticalsOn[h, default: []].append(v)
                horizontalsOn[v, default: []].append(h)
            }
        }
        for (h, list) in verticalsOn {
            verticalsOn[h] = list.sorted {
                points[Key(horizontal: h, vertical: $0)]!.x < points[Key(horizontal: h, vertical: $1)]!.x
            }
        }
        for (v, list) in horizontalsOn {
            horizontalsOn[v] = list.sorted {
                points[Key(horizontal: $0, vertical: v)]!.y < points[Key(horizontal: $1, vertical: v)]!.y
            }
        }
    }

    /// The smallest rectangle below and to the right of each crossing whose four corners are
    /// crossings joined by the same lines (pdfplumber's `intersections_to_cells`).
    func cells(minimumSize: Double) -> [CornerCell] {
        var result: [CornerCell] = []
        for (topLeft, point) in points.sorted(by: { ($0.value.y, $0.value.x) < ($1.value.y, $1.value.x) }) {
            let rights = (verticalsOn[topLeft.horizontal] ?? []).drop { $0 != topLeft.vertical }.dropFirst()
            let belows = (horizontalsOn[topLeft.vertical] ?? []).drop { $0 != topLeft.horizontal }.dropFirst()
            search: for bottom in belows {
                for right in rights {
                    let bottomRight = Key(horizontal: bottom, vertical: right)
                    guard let corner = points[bottomRight] else { continue }
                    let topRight = Key(horizontal: topLeft.horizontal, vertical: right)
                    let bottomLeft = Key(horizontal: bottom, vertical: topLeft.vertical)
                    // Two tracings of one ruling that were not merged would make a sliver.
                    guard corner.x - point.x > minimumSize, corner.y - point.y > minimumSize else { continue }
                    result.append(
                        CornerCell(
                            topLeft: point, topRight: points[topRight]!, bottomLeft: points[bottomLeft]!,
                            bottomRight: corner, cornerKeys: [topLeft, topRight, bottomLeft, bottomRight]))
                    break search
                }
            }
        }
        return result
    }
}
