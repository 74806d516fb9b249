/// A least-squares line v = a + b·u over traced pixels, kept as sums so that two fits merge
/// exactly by adding them.
struct AxisFit: Hashable {
    var count = 0.0
    var sumU = 0.0
    var sumV = 0.0
    var sumUU = 0.0
    var sumUV = 0.0
    var sumVV = 0.0

    mutating func add(u: Int, v: Int) {
        let u = Double(u)
        let v = Double(v)
        count += 1
        sumU += u
        sumV += v
        sumUU += u * u
        sumUV += u * v
        sumVV += v * v
    }

    static func + (lhs: AxisFit, rhs: AxisFit) -> AxisFit {
        AxisFit(
            count: lhs.count + rhs.count, sumU: lhs.sumU + rhs.sumU, sumV: lhs.sumV + rhs.sumV,
            sumUU: lhs.sumUU + rhs.sumUU, sumUV: lhs.sumUV + rhs.sumUV, sumVV: lhs.sumVV + rhs.sumVV)
    }

    /// Root-mean-square distance (across the axis) of the pixels from the fitted line: under a
    /// pixel for a ruling, more for a chain of text strokes that wanders up and down.
    var residual: Double {
        guard count > 1 else { return 0 }
        let meanU = sumU / count
        let meanV = sumV / count
        let varU = sumUU / count - meanU * meanU
        let varV = sumVV / count - meanV * meanV
        let covariance = sumUV / count - meanU * meanV
        let explained = varU > 1e-9 ? covariance * covariance / varU : 0
        return max(0, varV - explained).squareRoot()
    }

    var slope: Double {
        let denominator = count * sumUU - sumU * sumU
        // All pixels in one column (a one-pixel piece): no slope to speak of.
        guard count > 1, abs(denominator) > 1e-9 else { return 0 }
        return (count * sumUV - sumU * sumV) / denominator
    }

    func v(at u: Double) -> Double {
        guard count > 0 else { return 0 }
        let b = slope
        return (sumV - b * sumU) / count + b * u
    }
}

/// One traced piece of a line, in mask coordinates: `u` along the scan axis, `v` across it.
struct TracedRun {
    var start: Int
    /// Last ink pixel, inclusive.
    var end: Int
    var fit: AxisFit
    var thinPixels: Int

    var length: Int { end - start + 1 }
    var thinShare: Double { fit.count > 0 ? Double(thinPixels) / fit.count : 0 }

    /// Pixel edges along the axis. Across it, mask row `v` stands for the pixel pair `v`, `v + 1`,
    /// whose centre is the boundary at `v + 1`.
    func segment(orientation: RulingSegment.Orientation) -> RulingSegment {
        let u0 = Double(start)
        let u1 = Double(end + 1)
        let v0 = fit.v(at: u0 + 0.5) + 1
        let v1 = fit.v(at: u1 - 0.5) + 1
        switch orientation {
        case .horizontal:
            return RulingSegment(orientation: .horizontal, start: PagePoint(x: u0, y: v0), end: PagePoint(x: u1, y: v1))
        case .vertical:
            return RulingSegment(orientation: .vertical, start: PagePoint(x: v0, y: u0), end: PagePoint(x: v1, y: u1))
        }
    }
}

extension RulingLineDetector {
    /// Traces every run along the lines' axis in `mask` that is at least `fragmentLength` long.
    ///
    /// Pixels are visited row by row, so each run is met first at its start (its leftmost or
    /// topmost pixel). Each ink pixel starts at most one trace: traced pixels are marked, so the
    /// work is proportional to the ink, not to ink × line length; paper and traced ink are
    /// skipped eight bytes at a time.
    func traceRuns(in mask: inout InkMask) -> [TracedRun] {
        let (width, height) = (mask.width, mask.height)
        let (alongLength, acrossLength) = (mask.alongLength, mask.acrossLength)
        let (alongStride, acrossStride) = (mask.alongStride, mask.acrossStride)
        let horizontal = mask.orientation == .horizontal
        let config = configuration
        var runs: [TracedRun] = []
        mask.bits.withUnsafeMutableBufferPointer { bits in
            let base = bits.baseAddress!
            func isInk(_ u: Int, _ v: Int) -> Bool {
                v >= 0 && v < acrossLength && base[u * alongStride + v * acrossStride] != 0
            }
            func isUntraced(_ u: Int, _ v: Int) -> Bool {
                v >= 0 && v < acrossLength && base[u * alongStride + v * acrossStride] == 1
            }
            func isThin(_ u: Int, _ v: Int) -> Bool {
                var thickness = 1
                var above = v - 1
                while thickness <= config.maximumThickness, isInk(u, above) {
                    thickness += 1
                    above -= 1
                }
                var below = v + 1
                while thickness <= config.maximumThickness, isInk(u, below) {
                    thickness += 1
                    below += 1
                }
                return thickness <= config.maximumThickness
            }
            var index = 0
            let count = width * height
            while index < count {
                // Eight mask bytes at a time: 1 (untraced ink) is the only value with bit 0 set, so
                // a word without any bit 0 holds only paper and traced ink; otherwise jump to its
                // first untraced byte (the lowest byte in memory is the lowest in the word on the
                // little-endian machines Swift on Linux runs on).
                if index + 8 <= count {
                    let untraced =
                        UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x0101_0101_0101_0101
                    if untraced == 0 {
                        index += 8
                        continue
                    }
                    index += untraced.trailingZeroBitCount / 8
                }
                defer { index += 1 }
                guard base[index] == 1 else { continue }
                let (y, x) = index.quotientAndRemainder(dividingBy: width)
                let (u, v) = horizontal ? (x, y) : (y, x)
                var fit = AxisFit()
                var thin = 0
                var current = v
                var last = u
                var gap = 0
                var sinceDrift = config.stepsPerDrift
                var drift = 1
                var step = u
                while true {
                    base[step * alongStride + current * acrossStride] = 2
                    fit.add(u: step, v: current)
                    if isThin(step, current) { thin += 1 }
                    last = step
                    gap = 0
                    // Find the next ink pixel along the axis, jumping small gaps. A pixel an earlier
                    // trace passed ends this one: the rest of that line is traced already (a trace
                    // starting where a crossing line pokes out would otherwise drift onto the line
                    // and retrace it, once per crossing).
                    var next: Int?
                    while next == nil, step + 1 < alongLength, gap <= config.maximumGap {
                        step += 1
                        sinceDrift += 1
                        if isInk(step, current) {
                            guard isUntraced(step, current) else { break }
                            next = current
                        } else if sinceDrift >= config.stepsPerDrift {
                            if isUntraced(step, current + drift) {
                                next = current + drift
                            } else if isUntraced(step, current - drift) {
                                drift = -drift
                                next = current + drift
                            }
                            if next != nil { sinceDrift = 0 }
                        }
                        if next == nil { gap += 1 }
                    }
                    guard let found = next else { break }
                    current = found
                }
                if last - u + 1 >= config.fragmentLength {
                    runs.append(TracedRun(start: u, end: last, fit: fit, thinPixels: thin))
                }
            }
        }
        return runs
    }
}
