/// Which pixels are ink for lines of one orientation, row-major like the image: 0 paper,
/// 1 ink, 2 ink already traced.
///
/// Positions are given as `u` along the lines and `v` across them, so one tracing routine
/// serves both orientations: for horizontal lines `u` is x, for vertical ones `u` is y.
struct InkMask {
    let width: Int
    let height: Int
    let orientation: RulingSegment.Orientation
    var bits: [UInt8]

    var alongLength: Int { orientation == .horizontal ? width : height }
    var acrossLength: Int { orientation == .horizontal ? height : width }
    /// Index steps for one pixel along and one pixel across the lines.
    var alongStride: Int { orientation == .horizontal ? 1 : width }
    var acrossStride: Int { orientation == .horizontal ? width : 1 }

    /// Ink where a pixel and its neighbour across the lines (below it for horizontal lines,
    /// right of it for vertical ones) are together at least `darkness` darker than paper. The
    /// last row (or column) pairs with itself.
    init(_ image: GreyImage, paper: Int, darkness: Int, along orientation: RulingSegment.Orientation) {
        width = image.width
        height = image.height
        self.orientation = orientation
        let (width, height) = (image.width, image.height)
        // Darkness below paper for each grey level: one table lookup per pixel instead of a
        // subtraction and a clamp, and plain integer code that is quick in debug builds too.
        let darknessOf = (0...255).map { UInt16(max(0, paper - $0)) }
        let threshold = UInt16(clamping: darkness)
        var bits = [UInt8](repeating: 0, count: width * height)
        image.pixels.withUnsafeBufferPointer { grey in
            bits.withUnsafeMutableBufferPointer { bits in
                darknessOf.withUnsafeBufferPointer { darknessOf in
                    let raw = UnsafeRawPointer(grey.baseAddress!)
                    let white = UInt64.max
                    for y in 0..<height {
                        let row = y * width
                        let step = orientation == .horizontal ? (y + 1 < height ? width : 0) : 1
                        let end = orientation == .horizontal ? width : width - 1
                        var x = 0
                        while x < end {
                            // A render is mostly blank paper (255): eight pixels whose partners are
                            // white too are no ink, and the mask is zero already.
                            if x + 8 <= end, raw.loadUnaligned(fromByteOffset: row + x, as: UInt64.self) == white,
                                raw.loadUnaligned(fromByteOffset: row + x + step, as: UInt64.self) == white
                            {
                                x += 8
                                continue
                            }
                            let sum = darknessOf[Int(grey[row + x])] + darknessOf[Int(grey[row + x + step])]
                            bits[row + x] = sum >= threshold ? 1 : 0
                            x += 1
                        }
                        if orientation == .vertical {
                            bits[row + width - 1] = 2 * darknessOf[Int(grey[row + width - 1])] >= threshold ? 1 : 0
                        }
                    }
                }
            }
        }
        self.bits = bits
    }
}
