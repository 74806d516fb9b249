extension CellImage {
    /// The cell as Tesseract should see it: paper turned white, specks of dust and leftovers of
    /// ruling lines removed, and cut down to its ink with a margin.
    ///
    /// Tesseract thresholds each image itself (Otsu); on a small crop of grey, grainy scan paper
    /// with a few specks its threshold lands in the noise, and "7.5" comes back as "is". A
    /// threshold from the page's paper level, applied here, is stable. The tight cut matters for
    /// single-line segmentation, which takes the image's height as the line's.
    ///
    /// The other tones keep the grey of the kept ink and of its rim instead of turning it black:
    /// on a blurred 150 dpi scan the grey edges of a stroke carry its shape, where the hard
    /// threshold fills strokes ("名" read as "药") or breaks them ("门" in two pieces, "%" with a
    /// loose ring). Everything that is not kept ink or its rim is white either way.
    ///
    /// - Parameters:
    ///   - ink: pixels darker than this are ink.
    ///   - paper: the page's paper level, made white in the grey tones.
    ///   - em: the body text's em in pixels; specks and residues are judged against it.
    ///   - tone: black ink, or grey kept (see `CellTone`).
    /// - Returns: nil when no ink is left.
    func cleaned(ink: UInt8, paper: UInt8 = 255, em: Int, tone: CellTone = .black) -> CellImage? {
        var components = InkComponents(pixels: pixels, width: width, height: height, ink: ink)
        let removable = components.indices.filter { isNoise(components[$0], of: components, em: em) }
        for index in removable { components.erase(index) }
        guard let bounds = components.bounds else { return nil }

        let margin = max(4, em / 3)
        let x0 = bounds.x0
        let y0 = bounds.y0
        let newWidth = bounds.width + 2 * margin
        let newHeight = bounds.height + 2 * margin
        var output = [UInt8](repeating: 255, count: newWidth * newHeight)
        var rowInk = [Int](repeating: 0, count: newHeight)
        var inkCount = 0
        var inkLevels = [Int](repeating: 0, count: 256)
        for y in bounds.y0..<bounds.y1 {
            for x in bounds.x0..<bounds.x1 where components.isInk(x: x, y: y) {
                rowInk[y - y0 + margin] += 1
                inkCount += 1
                inkLevels[Int(pixels[y * width + x])] += 1
            }
        }
        if let levels = tone.levels(paper: paper, inkLevels: inkLevels, inkCount: inkCount) {
            let rim = tone.rim(em: em)
            for y in bounds.y0..<bounds.y1 {
                for x in bounds.x0..<bounds.x1 where components.isInk(x: x, y: y) {
                    for ny in max(0, y - rim)...min(height - 1, y + rim) {
                        for nx in max(0, x - rim)...min(width - 1, x + rim) {
                            let (tx, ty) = (nx - x0 + margin, ny - y0 + margin)
                            guard tx >= 0, ty >= 0, tx < newWidth, ty < newHeight else { continue }
                            let value = levels[Int(pixels[ny * width + nx])]
                            output[ty * newWidth + tx] = min(output[ty * newWidth + tx], value)
                        }
                    }
                }
            }
        } else {
            for y in bounds.y0..<bounds.y1 {
                for x in bounds.x0..<bounds.x1 where components.isInk(x: x, y: y) {
                    output[(y - y0 + margin) * newWidth + x - x0 + margin] = 0
                }
            }
        }
        return CellImage(
            pixels: output, width: newWidth, height: newHeight, originX: originX + x0 - margin,
            originY: originY + y0 - margin, inkCount: inkCount,
            lineBands: Self.bands(inkRows: rowInk, minimumInk: 1, joinGap: max(2, em / 12)))
    }

    /// Dust: a small component that is not part of a glyph (nothing within an eighth of an em),
    /// not a decimal point (ink on both sides within half an em) and not a colon's or an i's dot
    /// (ink right above or below). A ruling's leftover: a thin, long component lying along the
    /// crop's border.
    private func isNoise(_ component: InkComponent, of all: InkComponents, em: Int) -> Bool {
        let box = component.box
        let small = component.count * 50 < em * em && box.width < em / 4 && box.height < em / 4
        if small {
            func inked(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) -> Bool {
                all.hasInk(in: PixelBox(x0: x0, y0: y0, x1: x1, y1: y1), except: component.id)
            }
            let touch = em / 8
            let reach = em / 2
            if inked(box.x0 - touch, box.y0 - touch, box.x1 + touch, box.y1 + touch) { return false }
            let band = (box.y0 - reach, box.y1 + reach / 4)
            if inked(box.x0 - reach, band.0, box.x0, band.1) && inked(box.x1, band.0, box.x1 + reach, band.1) {
                return false
            }
            return !inked(box.x0 - touch, box.y0 - reach, box.x1 + touch, box.y1 + reach)
        }
        let thin = box.height * 6 <= em || box.width * 6 <= em
        let long = max(box.width, box.height) * 5 >= em
        let band = em / 3
        let alongEdge =
            box.width >= box.height
            ? box.y1 <= band || box.y0 >= height - band
            : box.x1 <= band || box.x0 >= width - band
        return thin && long && alongEdge
    }
}

extension CellImage {
    /// The rows `band` of this image as an image of their own, with `margin` rows of white above
    /// and below (the image is already surrounded by white on the sides).
    func slice(_ band: Range<Int>, margin: Int) -> CellImage {
        let top = max(0, band.lowerBound - margin)
        let bottom = min(height, band.upperBound + margin)
        var output = [UInt8](repeating: 255, count: width * (band.count + 2 * margin))
        let offset = margin - (band.lowerBound - top)
        for y in top..<bottom {
            let target = (y - top + offset) * width
            guard target >= 0, target + width <= output.count else { continue }
            output.replaceSubrange(target..<(target + width), with: pixels[(y * width)..<(y * width + width)])
        }
        return CellImage(
            pixels: output, width: width, height: band.count + 2 * margin, originX: originX,
            originY: originY + band.lowerBound - margin, inkCount: inkCount,
            lineBands: [margin..<(margin + band.count)])
    }
}

/// How `CellImage.cleaned` draws the ink it keeps.
enum CellTone: Sendable {
    /// Ink black, all else white: what Tesseract reads first (it thresholds every image itself,
    /// and on grainy crops its own threshold lands in the noise).
    case black
    /// The ink's grey scaled so that the paper level is white, within a one-pixel rim: the
    /// second reading of an unsure label with Tesseract. The ink stays as light as it was
    /// printed (mid-grey on a faint 150 dpi scan), which Tesseract's own threshold copes with.
    case grey
    /// Where the cell's ink is faint, its grey stretched from the ink's own level (black) to
    /// the paper level (white), within a rim of a twentieth of an em (2 px at 300 dpi); where it
    /// is dark, black as in `black`. What PP-OCR reads: its models were trained on natural grey
    /// images, and its worker finds lines and cuts them to their ink at mid-grey
    /// (`ppocr_worker.py`, `grey < 128`). A heavy scan's strokes are printed at grey 100–170 on
    /// paper at 220; only scaled (`grey`) most of them stay lighter than mid-grey and the worker
    /// cut the line to its few dark specks — the garbage of the first grey try (var-12's
    /// "市支援合作办" read "C1" scaled, right stretched).
    ///
    /// Faint: the ink's core (the level a tenth of it is darker than) is lighter than a third
    /// of the paper level (on the raw page images of the heavy variants 0.39–0.50 of it, of
    /// var-04, var-11 and four DEV scans 0.07–0.28). Dark ink keeps its strokes whole through
    /// the threshold, and there the grey changed only punctuation whose width the ink does not
    /// show (var-11: three "；" at a line's end read ";"). The page reader asks for this tone
    /// only on pages whose ink is faint as a whole (`ScannedPageReader.inkIsFaint`).
    case contrast

    /// The output level of every input level; nil to draw the ink black.
    fileprivate func levels(paper: UInt8, inkLevels: [Int], inkCount: Int) -> [UInt8]? {
        guard self != .black else { return nil }
        let white = max(1, Int(paper))
        guard self == .contrast else {
            // As computed before the contrast tone came, to the bit: Tesseract's readings stay.
            let scale = 255.0 / Double(white)
            return (0..<256).map { UInt8(min(255, Double($0) * scale)) }
        }
        let black = min(Self.inkCore(inkLevels: inkLevels, inkCount: inkCount), white - 1)
        guard Self.isFaint(core: black, paper: paper) else { return nil }
        return (0..<256).map { level in
            UInt8(max(0, min(255, (level - black) * 255 / (white - black))))
        }
    }

    /// The level a tenth of the ink is darker than (`inkLevels` a histogram of `inkCount` ink
    /// pixels): a stroke's core, not the darkest speck of a JPEG block or a blot.
    static func inkCore(inkLevels: [Int], inkCount: Int) -> Int {
        var seen = 0
        for level in inkLevels.indices {
            seen += inkLevels[level]
            if seen * 10 >= inkCount { return level }
        }
        return inkLevels.count
    }

    /// Whether ink whose core is at `core` is faint on paper at `paper`: lighter than a third of it.
    static func isFaint(core: Int, paper: UInt8) -> Bool {
        core * 3 >= Int(paper)
    }

    /// How far around the kept ink its grey is kept, in pixels: the blurred edge of a stroke.
    fileprivate func rim(em: Int) -> Int {
        self == .contrast ? max(1, em / 20) : 1
    }
}
