/// An 8-bit grey image, row-major, 0 = black, 255 = white: a rendered or scanned page.
///
/// Kept free of any C type so that line finding can be tested on images a test draws itself.
public struct GreyImage: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height, "pixel count must be width × height")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public init(width: Int, height: Int, fill: UInt8) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: fill, count: width * height))
    }

    public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// The grey level of blank paper: the most frequent level in the brighter half.
    ///
    /// Born-digital renders give 255; scans give 200–240 with noise, so a fixed threshold tuned
    /// on one would fail on the other.
    public func paperLevel() -> UInt8 {
        var histogram = [Int](repeating: 0, count: 256)
        // Every 7th pixel (a stride that walks across rows and columns alike) is plenty for
        // the mode and keeps this to a fraction of a millisecond.
        pixels.withUnsafeBufferPointer { pixels in
            var index = 0
            while index < pixels.count {
                histogram[Int(pixels[index])] += 1
                index += 7
            }
        }
        var best = 255
        for level in 128...255 where histogram[level] > histogram[best] { best = level }
        return UInt8(best)
    }

    /// Paints the pixel rectangle `x0..<x1 × y0..<y1` (clipped to the image) white.
    ///
    /// The PDF extractor blanks the glyphs of a born-digital page this way before looking for
    /// rulings, so that no stroke of text can pass for a piece of a line.
    public mutating func whiten(x0: Int, y0: Int, x1: Int, y1: Int) {
        let left = max(0, x0)
        let right = min(width, x1)
        let top = max(0, y0)
        let bottom = min(height, y1)
        guard left < right, top < bottom else { return }
        pixels.withUnsafeMutableBufferPointer { buffer in
            for y in top..<bottom {
                for x in left..<right { buffer[y * width + x] = 255 }
            }
        }
    }
}
