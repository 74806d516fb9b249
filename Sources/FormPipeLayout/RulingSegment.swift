import FormPipeCore

/// A point on a page: PDF points (origin top-left) or pixels, as the producer says.
public struct PagePoint: Sendable, Hashable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public var description: String { "(\(formatted(x)), \(formatted(y)))" }
}

/// A straight ruling line of a table: nearly horizontal or nearly vertical.
///
/// Kept as its two end points rather than a single coordinate, so that a skewed scan's lines
/// keep their slope and crossings are computed where the lines really cross.
public struct RulingSegment: Sendable, Hashable, CustomStringConvertible {
    public enum Orientation: String, Sendable, Hashable {
        case horizontal, vertical
    }

    public var orientation: Orientation
    /// The left end of a horizontal line, the top end of a vertical one.
    public var start: PagePoint
    public var end: PagePoint

    public init(orientation: Orientation, start: PagePoint, end: PagePoint) {
        self.orientation = orientation
        self.start = start
        self.end = end
    }

    public var length: Double {
        let dx = end.x - start.x
        let dy = end.y - start.y
        return (dx * dx + dy * dy).squareRoot()
    }

    /// The same segment with both coordinates multiplied by `factor` (pixels → points).
    public func scaled(by factor: Double) -> RulingSegment {
        RulingSegment(
            orientation: orientation,
            start: PagePoint(x: start.x * factor, y: start.y * factor),
            end: PagePoint(x: end.x * factor, y: end.y * factor))
    }

    /// Where the infinite lines through `self` and `other` cross, or nil if they are parallel.
    public func lineIntersection(with other: RulingSegment) -> PagePoint? {
        let d1x = end.x - start.x
        let d1y = end.y - start.y
        let d2x = other.end.x - other.start.x
        let d2y = other.end.y - other.start.y
        let denominator = d1x * d2y - d1y * d2x
        guard abs(denominator) > 1e-9 else { return nil }
        let t = ((other.start.x - start.x) * d2y - (other.start.y - start.y) * d2x) / denominator
        return PagePoint(x: start.x + t * d1x, y: start.y + t * d1y)
    }

    /// Whether `point` lies on the segment or within `tolerance` beyond its ends (along its axis).
    public func reaches(_ point: PagePoint, tolerance: Double) -> Bool {
        switch orientation {
        case .horizontal: return point.x >= start.x - tolerance && point.x <= end.x + tolerance
        case .vertical: return point.y >= start.y - tolerance && point.y <= end.y + tolerance
        }
    }

    public var description: String { "\(orientation == .horizontal ? "H" : "V") \(start) → \(end)" }
}
