import Foundation

/// Undoes a page's skew: a rotation about the page origin that makes rulings of slope `slope`
/// horizontal. On a scan tilted by a degree, a cell's text lines and its box are only parallel
/// in the straightened frame.
public struct PageRotation: Sendable, Hashable {
    public let slope: Double
    private let cosine: Double
    private let sine: Double

    public init(slope: Double) {
        self.slope = slope
        let angle = -atan(slope)
        cosine = cos(angle)
        sine = sin(angle)
    }

    public var isIdentity: Bool { slope == 0 }

    public func straightened(_ point: PagePoint) -> PagePoint {
        PagePoint(x: point.x * cosine - point.y * sine, y: point.x * sine + point.y * cosine)
    }

    public func restored(_ point: PagePoint) -> PagePoint {
        PagePoint(x: point.x * cosine + point.y * sine, y: -point.x * sine + point.y * cosine)
    }

    /// The box around the straightened corners of `box`.
    public func straightened(_ box: BoundingBox) -> BoundingBox { around(box, straightened) }

    /// The box around the restored corners of `box`.
    public func restored(_ box: BoundingBox) -> BoundingBox { around(box, restored) }

    private func around(_ box: BoundingBox, _ map: (PagePoint) -> PagePoint) -> BoundingBox {
        guard !isIdentity else { return box }
        let corners = [
            PagePoint(x: box.x0, y: box.y0), PagePoint(x: box.x1, y: box.y0), PagePoint(x: box.x0, y: box.y1),
            PagePoint(x: box.x1, y: box.y1),
        ].map(map)
        return BoundingBox(
            x0: corners.map(\.x).min()!, y0: corners.map(\.y).min()!, x1: corners.map(\.x).max()!,
            y1: corners.map(\.y).max()!)
    }

    /// Keeps the text and moves the box into the straightened frame.
    public func straightened(_ character: PageCharacter) -> PageCharacter {
        guard !isIdentity else { return character }
        // Rotate the box's centre and keep its size: a glyph box is not skewed with the page.
        let centre = straightened(PagePoint(x: character.centerX, y: character.centerY))
        let (halfWidth, halfHeight) = (character.box.width / 2, character.box.height / 2)
        return PageCharacter(
            scalar: character.scalar,
            box: BoundingBox(
                x0: centre.x - halfWidth, y0: centre.y - halfHeight, x1: centre.x + halfWidth, y1: centre.y + halfHeight
            ))
    }
}
