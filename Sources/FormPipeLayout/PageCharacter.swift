/// One character of a page's text layer with its box in PDF points (origin top-left).
public struct PageCharacter: Sendable, Hashable {
    public var scalar: Unicode.Scalar
    public var box: BoundingBox

    public init(scalar: Unicode.Scalar, box: BoundingBox) {
        self.scalar = scalar
        self.box = box
    }

    public var isWhitespace: Bool { scalar.properties.isWhitespace }

    /// Ideographs and full-width forms are one em wide, which makes them a good ruler for gaps.
    public var isFullWidth: Bool {
        let value = scalar.value
        return (0x2E80...0x9FFF).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFF01...0xFF60).contains(value) || (0x3000...0x303F).contains(value)
    }

    public var centerX: Double { (box.x0 + box.x1) / 2 }
    public var centerY: Double { (box.y0 + box.y1) / 2 }
}
