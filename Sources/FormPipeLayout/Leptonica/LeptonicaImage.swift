internal import CLeptonica

/// One Leptonica image (`PIX`), owned here and destroyed with this object.
///
/// Scanned pages are cleaned up with Leptonica (see docs/ocr.md, "Page clean-up"); the pipeline
/// itself passes `GreyImage` values between stages, so a `LeptonicaImage` lives only for the
/// length of one clean-up step. Every Leptonica call that returns a new `PIX` is wrapped in a new
/// `LeptonicaImage` on the line that makes it.
///
/// Not `Sendable`: a `PIX` is mutable and reference-counted without locks.
package final class LeptonicaImage {
    let pix: UnsafeMutablePointer<PIX>

    /// Takes ownership of `pix`; nil when a Leptonica call failed and returned NULL.
    init?(taking pix: UnsafeMutablePointer<PIX>?) {
        guard let pix else { return nil }
        self.pix = pix
    }

    deinit {
        var pointer: UnsafeMutablePointer<PIX>? = pix
        pixDestroy(&pointer)
    }

    package var width: Int { Int(pixGetWidth(pix)) }
    package var height: Int { Int(pixGetHeight(pix)) }
    package var depth: Int { Int(pixGetDepth(pix)) }

    /// An 8-bit copy of `image`. The corresponding C function is `pixCreate`.
    package convenience init?(_ image: GreyImage) {
        guard image.width > 0, image.height > 0 else { return nil }
        self.init(taking: pixCreate(Int32(image.width), Int32(image.height), 8))
        let words = Int(pixGetWpl(pix))
        guard let data = pixGetData(pix) else { return nil }
        let bytes = UnsafeMutableRawPointer(data).assumingMemoryBound(to: UInt8.self)
        image.pixels.withUnsafeBufferPointer { source in
            for y in 0..<image.height {
                let line = bytes + y * words * 4
                let row = y * image.width
                // Leptonica keeps pixels in 32-bit words, most significant byte first: on a
                // little-endian machine byte x of a line sits at x ^ 3.
                for x in 0..<image.width { line[x ^ 3] = source[row + x] }
            }
        }
    }

    /// The image as 8-bit grey (a 1-bit image becomes black ink on white paper).
    /// The corresponding C function is `pixConvertTo8`.
    package func greyImage() -> GreyImage {
        let grey = depth == 8 ? self : LeptonicaImage(taking: pixConvertTo8(pix, 0))
        guard let grey, let data = pixGetData(grey.pix) else {
            return GreyImage(width: max(1, width), height: max(1, height), fill: 255)
        }
        let (width, height) = (grey.width, grey.height)
        let words = Int(pixGetWpl(grey.pix))
        let bytes = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
        var pixels = [UInt8](repeating: 255, count: width * height)
        pixels.withUnsafeMutableBufferPointer { target in
            for y in 0..<height {
                let line = bytes + y * words * 4
                let row = y * width
                for x in 0..<width { target[row + x] = line[x ^ 3] }
            }
        }
        return GreyImage(width: width, height: height, pixels: pixels)
    }
}
