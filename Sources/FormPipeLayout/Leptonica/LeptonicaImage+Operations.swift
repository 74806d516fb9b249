internal import CLeptonica

/// The Leptonica operations scan clean-up uses, each returning a new image (nil when Leptonica
/// refuses the input). Swift names; the C function is named in each doc comment.
extension LeptonicaImage {
    /// Paper levelled to `paper` everywhere: the background is estimated in tiles of
    /// `tile` pixels from the pixels lighter than `threshold`, smoothed, and each pixel scaled by
    /// its tile's background. Uneven lighting and grey paper both go. 8-bit input.
    /// The corresponding C function is `pixBackgroundNorm`.
    func backgroundNormalized(tile: Int, threshold: Int = 100, paper: Int = 230) -> LeptonicaImage? {
        LeptonicaImage(
            taking: pixBackgroundNorm(
                pix, nil, nil, Int32(tile), Int32(tile), Int32(threshold), Int32(max(10, tile * tile / 8)),
                Int32(paper), 2, 1))
    }

    /// Ink (1) where an 8-bit pixel is darker than `threshold`.
    /// The corresponding C function is `pixThresholdToBinary`.
    func binarized(below threshold: Int) -> LeptonicaImage? {
        LeptonicaImage(taking: pixThresholdToBinary(pix, Int32(threshold)))
    }

    /// A 1-bit image's skew in degrees (positive: the content is turned clockwise) and the
    /// confidence of the estimate; nil when Leptonica finds too little text or rules to tell.
    /// The corresponding C function is `pixFindSkew`.
    package func skew() -> (degrees: Double, confidence: Double)? {
        var angle: Float = 0
        var confidence: Float = 0
        guard pixFindSkew(pix, &angle, &confidence) == 0, confidence > 0 else { return nil }
        return (Double(angle), Double(confidence))
    }

    /// Turned by `degrees` about the centre, same size, uncovered corners white. Sampling for
    /// 1-bit images (rotation by shear keeps them crisp), area-mapped for grey.
    /// The corresponding C function is `pixRotate`.
    package func rotated(degrees: Double) -> LeptonicaImage? {
        let radians = Float(degrees * .pi / 180)
        let type = depth == 1 ? L_ROTATE_SAMPLING : L_ROTATE_AREA_MAP
        return LeptonicaImage(taking: pixRotate(pix, radians, Int32(type), Int32(L_BRING_IN_WHITE), 0, 0))
    }

    /// Turned by `quarters` × 90° clockwise. The corresponding C function is `pixRotateOrth`.
    package func rotated(quarters: Int) -> LeptonicaImage? {
        LeptonicaImage(taking: pixRotateOrth(pix, Int32(((quarters % 4) + 4) % 4)))
    }

    /// Dark lines of an 8-bit image that run at least `length` pixels in one direction, on
    /// paper: a grey opening with a `gap`-long brick along the lines darkens the short breaks in
    /// them (dust, a faint stretch, a lost crossing), then a grey closing with a `length`-long
    /// brick lightens to paper every dark shape shorter than that — text, specks, blots — and
    /// leaves faint lines faint. Horizontal when `horizontal`. Brick sizes are made odd.
    /// The corresponding C functions are `pixOpenGray` and `pixCloseGray`.
    func darkLines(horizontal: Bool, gap: Int, length: Int) -> LeptonicaImage? {
        func odd(_ size: Int) -> Int32 { Int32(max(1, size) | 1) }
        let (openW, openH) = horizontal ? (odd(gap), Int32(1)) : (Int32(1), odd(gap))
        let (closeW, closeH) = horizontal ? (odd(length), Int32(1)) : (Int32(1), odd(length))
        guard let bridged = LeptonicaImage(taking: pixOpenGray(pix, openW, openH)) else { return nil }
        return LeptonicaImage(taking: pixCloseGray(bridged.pix, closeW, closeH))
    }

    /// The darker of two 8-bit images of the same size, pixel by pixel.
    /// The corresponding C function is `pixMinOrMax`.
    func darker(_ other: LeptonicaImage) -> LeptonicaImage? {
        LeptonicaImage(taking: pixMinOrMax(nil, pix, other.pix, Int32(L_CHOOSE_MIN)))
    }
}
