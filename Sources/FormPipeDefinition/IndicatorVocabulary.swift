import FormPipeCore

/// The indicator levels are a closed vocabulary; OCR and printing damage them
/// ("服务对象满意度标", "服务对象满意度", "产出指 标" once joined). A label is snapped to the one
/// vocabulary entry it is closest to, and only when that entry is clearly the closest.
package enum IndicatorVocabulary {
    /// Each level1 with its level2s, in the order ties between entries are decided.
    /// Each level1 with its level2s, in the order ties between entries are decided; from the
    /// form's definition. A name may be both (成本指标), and a level2 may sit under two level1s.
    static let hierarchy = FormDefinition.selfEvaluation.vocabulary
    package static let level1 = hierarchy.map(\.level1)
    package static let level2 = unique(hierarchy.flatMap(\.level2))

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// The level1 a level2 belongs to (the first, where it belongs to several).
    package static func level1(containing level2: String) -> String? {
        hierarchy.first { $0.level2.contains(level2) }?.level1
    }

    /// Whether `level2` may stand under `level1`.
    package static func allows(level2: String, under level1: String) -> Bool {
        hierarchy.contains { $0.level1 == level1 && $0.level2.contains(level2) }
    }

    /// A name that is both a level1 and a level2 (成本指标): its cell's place decides.
    package static func isBothLevels(_ entry: String) -> Bool {
        level1.contains(entry) && level2.contains(entry)
    }

    /// The level2s under a level1 (none for text that is no level1).
    package static func level2(under level1: String) -> [String] {
        hierarchy.first { $0.level1 == level1 }?.level2 ?? []
    }

    package enum Level { case level1, level2 }

    /// Every entry with its characters and level, in the order ties are decided.
    private static let entries: [(entry: String, characters: [Character], level: Level)] =
        level1.map { ($0, Array($0), Level.level1) } + level2.map { ($0, Array($0), Level.level2) }

    /// The vocabulary entry `text` stands for, with how close it was (1 = exact).
    package static func match(_ text: String) -> (entry: String, level: Level, similarity: Double)? {
        let compact = LabelText.normalized(text)
        guard !compact.isEmpty, compact.count <= 12 else { return nil }
        // Most labels are printed right: an entry itself is its own closest entry, every other
        // entry being at least one edit away.
        if let exact = entries.first(where: { $0.entry == compact }) { return (exact.entry, exact.level, 1) }
        let characters = Array(compact)
        var best: (entry: String, level: Level, distance: Int)?
        var runnerUp = Int.max
        for (entry, entryCharacters, level) in entries {
            let distance = editDistance(characters, entryCharacters, cap: distanceCap)
            // 成本指标 is listed as a level1 and as a level2: one word, not its own runner-up.
            if let best, best.entry == entry { continue }
            if best == nil || distance < best!.distance {
                runnerUp = best?.distance ?? Int.max
                best = (entry, level, distance)
            } else if distance < runnerUp {
                runnerUp = distance
            }
        }
        guard let best else { return nil }
        let allowed = best.entry.count >= 6 ? 2 : 1
        guard best.distance <= allowed, best.distance < runnerUp else { return nil }
        // A short fragment such as "指标" is not a label.
        guard compact.count * 2 >= best.entry.count + 1 || best.distance == 0 else { return nil }
        let similarity = 1 - Double(best.distance) / Double(max(compact.count, best.entry.count))
        return (best.entry, best.level, similarity)
    }

    /// Distances from here on all mean "not this entry": a match is at most 2 edits away and
    /// closer than the runner-up, so 3 and 7 decide alike.
    private static let distanceCap = 3

    /// The edit distance of `a` and `b`, or `cap` when it is `cap` or more (a row of the table
    /// never goes below the row before it, so a row all at `cap` ends the work).
    private static func editDistance(_ a: [Character], _ b: [Character], cap: Int) -> Int {
        if abs(a.count - b.count) >= cap { return cap }
        if a.isEmpty { return min(b.count, cap) }
        if b.isEmpty { return min(a.count, cap) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum >= cap { return cap }
            swap(&previous, &current)
        }
        return min(previous[b.count], cap)
    }
}
