import FormPipeCore

/// Finds which labelled key a printed header cell names, tolerating what OCR does to headers:
/// stray marks ("全年执行数〈(B)"), one wrong character in a short label, two in a long one.
/// Only header cells are matched this loosely; values never are.
package enum HeaderMatcher {
    /// The key `text` names, or nil when no label is clearly the closest.
    package static func match(_ text: String, in keys: [LabelledKey]) -> LabelledKey? {
        let label = LabelText.normalized(text)
        guard !label.isEmpty else { return nil }
        if let exact = keys.first(where: { $0.labels.contains(label) }) { return exact }
        let cleaned = String(label.filter { $0.isLetter || $0.isNumber || "()/".contains($0) })
        guard cleaned.count >= 3 else { return nil }
        if let exact = keys.first(where: { $0.labels.contains(cleaned) }) { return exact }
        var best: (key: LabelledKey, distance: Int)?
        var tie = false
        for key in keys {
            for candidate in key.labels where candidate.count >= 4 {
                let distance = editDistance(Array(cleaned), Array(candidate))
                if best == nil || distance < best!.distance {
                    tie = false
                    best = (key, distance)
                } else if distance == best!.distance, best!.key.key != key.key {
                    tie = true
                }
            }
        }
        guard let best, !tie else { return nil }
        let allowed = cleaned.count >= 7 ? 2 : 1
        return best.distance <= allowed ? best.key : nil
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
