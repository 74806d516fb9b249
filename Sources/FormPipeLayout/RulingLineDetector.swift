/// Finds the ruling lines of tables in a grey page image: long, thin, dark runs that are nearly
/// horizontal or nearly vertical.
///
/// A pure function of the pixels, so it serves rendered born-digital pages and scans alike and
/// is tested on images the tests draw. The steps:
/// 1. Mark ink by darkness below the paper level (scans are grey, renders white), summed over
///    two neighbouring pixels across the line: a thin rule that falls between two pixel rows
///    is two half-dark pixels, each too light on its own (a 0.5° skew breaks a rule into pieces
///    that way), but their sum is as dark as the rule.
/// 2. Trace runs along each axis from every unvisited ink pixel. A trace steps one pixel along
///    the axis, may move one pixel across it (at most once every `stepsPerDrift` steps, so a
///    line skewed by a degree or two is followed but a diagonal text stroke is not), and jumps
///    gaps of up to `maximumGap` pixels (broken or faint lines).
/// 3. Count, per traced pixel, whether the ink across the line is at most `maximumThickness`
///    thick: inside a stamp or a blot it is not, so a blob is not a line, while a line that
///    crosses a blob keeps the thin pixels on either side.
/// 4. Merge collinear pieces (a line drawn twice, a 2 px line traced as two rows, a line broken
///    by a wider gap) and keep those at least `minimumLength` long.
///
/// Vertical lines are found by the same tracing, stepping down the columns of a second mask.
public struct RulingLineDetector: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Shortest line kept, in pixels. A vertical rule bounding a one-line row is ~20 pt.
        public var minimumLength: Int
        /// Shortest traced piece considered for merging, in pixels.
        public var fragmentLength: Int
        /// Longest run of background a trace jumps, in pixels.
        public var maximumGap: Int
        /// Thickest ink across a line that still counts as a line, in pixels.
        public var maximumThickness: Int
        /// Longest gap between two collinear pieces that are merged, in pixels.
        public var mergeGap: Int
        /// Largest distance across the axis between two pieces that are merged, in pixels.
        public var mergeDistance: Double
        /// A trace moves across its axis at most once per this many steps (slope ≤ 1/steps).
        public var stepsPerDrift: Int
        /// Share of a line's pixels that must be thin; the rest may be covered by a blob.
        public var minimumThinShare: Double
        /// Steepest line kept (across/along): a scan skewed by up to ~2.3° passes.
        public var maximumSlope: Double
        /// Largest root-mean-square wander (pixels) of a line's pixels about its fitted line.
        public var maximumResidual: Double
        /// Darkness below the paper level, summed over two pixels across the line, from which a
        /// pixel is ink; nil takes a quarter of the paper level (64 on white).
        public var minimumDarkness: Int?

        public init(
            minimumLength: Int, fragmentLength: Int, maximumGap: Int, maximumThickness: Int, mergeGap: Int,
            mergeDistance: Double, stepsPerDrift: Int = 24, minimumThinShare: Double = 0.5, maximumSlope: Double = 0.04,
            maximumResidual: Double = 1.5, minimumDarkness: Int? = nil
        ) {
            self.minimumLength = minimumLength
            self.fragmentLength = fragmentLength
            self.maximumGap = maximumGap
            self.maximumThickness = maximumThickness
            self.mergeGap = mergeGap
            self.mergeDistance = mergeDistance
            self.stepsPerDrift = stepsPerDrift
            self.minimumThinShare = minimumThinShare
            self.maximumSlope = maximumSlope
            self.maximumResidual = maximumResidual
            self.minimumDarkness = minimumDarkness
        }

        /// Defaults from physical sizes: lines ≥ 14 pt; pieces ≥ 10 pt (longer than a stroke of
        /// body text) merged across ≤ 4 pt, and side by side when ≤ 2 pt apart (the rows of one
        /// thick, blurred rule); a trace jumps ≤ 0.75 pt, so it does not hop from one character's
        /// stroke to the next; ink ≤ 2 pt thick (a 0.75 pt rule, even blurred by a scanner, stays
        /// under); a trace drifts ≤ 1 pixel in 24 (2.4°).
        public init(dpi: Double) {
            func pixels(_ points: Double) -> Int { max(1, Int((points * dpi / 72).rounded())) }
            self.init(
                minimumLength: pixels(14), fragmentLength: pixels(10), maximumGap: pixels(0.75),
                maximumThickness: max(2, pixels(2)), mergeGap: pixels(4), mergeDistance: Double(max(2, pixels(2))),
                maximumResidual: max(1, Double(pixels(2)) / 2))
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public init(dpi: Double) {
        self.init(configuration: Configuration(dpi: dpi))
    }

    /// The ruling lines of `image`, in pixel coordinates (a pixel's centre is at +0.5).
    /// - Parameter paperLevel: the image's `paperLevel()`, when the caller has it already.
    public func detect(in image: GreyImage, paperLevel: UInt8? = nil) -> [RulingSegment] {
        let paper = Int(paperLevel ?? image.paperLevel())
        let darkness = configuration.minimumDarkness ?? paper / 4
        var rows = InkMask(image, paper: paper, darkness: darkness, along: .horizontal)
        var columns = InkMask(image, paper: paper, darkness: darkness, along: .vertical)
        let horizontal = mergedLines(from: traceRuns(in: &rows), alongLength: rows.alongLength)
        let vertical = mergedLines(from: traceRuns(in: &columns), alongLength: columns.alongLength)
        return horizontal.map { $0.segment(orientation: .horizontal) }
            + vertical.map { $0.segment(orientation: .vertical) }
    }
}
