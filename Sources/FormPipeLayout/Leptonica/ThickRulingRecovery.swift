/// Rulings of a scan that are thicker than the detector's default allows — a rule printed
/// heavier than the rest and blurred by the scanner — taken only where they join the table.
///
/// Simply allowing thicker lines everywhere also admits the strokes of a bold title, which the
/// grey morphology of `ScanPageCleaner.rulingImage` joins into a line (the title of a dev scan
/// became a one-cell table and was lost). A real rule of a table ends on two crossing rules, a
/// title's strokes do not: a thick line is added when both its ends meet crossing rulings of
/// the thin detection and no thin ruling lies along it already.
package struct ThickRulingRecovery {
    /// How far (pixels) an end may stop short of, or run past, a crossing ruling, and how close
    /// a thin ruling along the same line must be to count as the same line.
    package let tolerance: Double

    package init(tolerance: Double) {
        self.tolerance = tolerance
    }

    package func recovered(thin: [RulingSegment], thick: [RulingSegment]) -> [RulingSegment] {
        thin + thick.filter { candidate in
            let crossing = thin.filter { $0.orientation != candidate.orientation }
            let along = thin.filter { $0.orientation == candidate.orientation }
            guard !along.contains(where: { isSameLine($0, candidate) }) else { return false }
            return meets(candidate.start, on: candidate, crossing) && meets(candidate.end, on: candidate, crossing)
        }
    }

    private func meets(_ point: PagePoint, on line: RulingSegment, _ crossing: [RulingSegment]) -> Bool {
        crossing.contains { other in
            guard let cross = line.lineIntersection(with: other) else { return false }
            let dx = cross.x - point.x
            let dy = cross.y - point.y
            return (dx * dx + dy * dy).squareRoot() <= tolerance && other.reaches(cross, tolerance: tolerance)
        }
    }

    private func isSameLine(_ a: RulingSegment, _ b: RulingSegment) -> Bool {
        let across: (PagePoint) -> Double = a.orientation == .horizontal ? { $0.y } : { $0.x }
        let alongAxis: (PagePoint) -> Double = a.orientation == .horizontal ? { $0.x } : { $0.y }
        let overlap = min(alongAxis(a.end), alongAxis(b.end)) - max(alongAxis(a.start), alongAxis(b.start))
        let distance = abs((across(a.start) + across(a.end)) / 2 - (across(b.start) + across(b.end)) / 2)
        return overlap > 0 && distance <= tolerance
    }
}
