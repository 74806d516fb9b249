import FormPipeCore

extension RulingLineDetector {
    /// Joins traced pieces that belong to one line and keeps the lines long and thin enough.
    ///
    /// Two pieces belong together when the gap between them along the axis is at most
    /// `mergeGap` (negative when they overlap) and their fitted lines are within
    /// `mergeDistance` of each other where they meet. Pieces are sorted by their position
    /// across the axis, so each is compared only with its neighbours.
    func mergedLines(from runs: [TracedRun], alongLength length: Int) -> [TracedRun] {
        let config = configuration
        let candidates = runs.filter { $0.thinShare >= config.minimumThinShare }
        guard !candidates.isEmpty else { return [] }
        let middles = candidates.map { $0.fit.v(at: Double($0.start + $0.end) / 2) }
        let order = candidates.indices.sorted { middles[$0] < middles[$1] }
        // A long line skewed by 2° drifts ~3.5 % of its length; its pieces' middles drift with it.
        let window = config.mergeDistance + 0.035 * Double(length)

        var sets = DisjointSets(count: candidates.count)
        for (position, i) in order.enumerated() {
            var next = position + 1
            while next < order.count, middles[order[next]] - middles[i] <= window {
                let j = order[next]
                next += 1
                if belongTogether(candidates[i], candidates[j]) { sets.union(i, j) }
            }
        }

        var groups: [Int: TracedRun] = [:]
        for index in candidates.indices {
            let run = candidates[index]
            let key = sets.root(index)
            if var merged = groups[key] {
                merged.start = min(merged.start, run.start)
                merged.end = max(merged.end, run.end)
                merged.fit = merged.fit + run.fit
                merged.thinPixels += run.thinPixels
                groups[key] = merged
            } else {
                groups[key] = run
            }
        }
        return groups.values
            .filter { run in
                run.length >= config.minimumLength && run.thinShare >= config.minimumThinShare
                    && abs(run.fit.slope) <= config.maximumSlope && run.fit.residual <= config.maximumResidual
            }
            .sorted { ($0.fit.v(at: Double($0.start)), $0.start) < ($1.fit.v(at: Double($1.start)), $1.start) }
    }

    private func belongTogether(_ a: TracedRun, _ b: TracedRun) -> Bool {
        let gap = max(b.start - a.end, a.start - b.end) - 1
        guard gap <= configuration.mergeGap else { return false }
        let distance: Double
        if gap < 0 {
            let middle = Double(max(a.start, b.start) + min(a.end, b.end)) / 2
            distance = abs(a.fit.v(at: middle) - b.fit.v(at: middle))
        } else {
            // Compare where they face each other: each piece's own end nearest the other.
            let (left, right) = a.end < b.start ? (a, b) : (b, a)
            distance = abs(left.fit.v(at: Double(left.end)) - right.fit.v(at: Double(right.start)))
        }
        return distance <= configuration.mergeDistance
    }
}
