/// Columns padded to line up in a terminal, where a CJK character takes two cells and colour
/// escapes take none.
struct TextTable {
    private let headings: [String]?
    private var rows: [[String]] = []

    init(headings: [String]?) {
        self.headings = headings
    }

    mutating func add(_ row: [String]) {
        rows.append(row)
    }

    /// The rows as lines; columns in `rightAligned` are padded on the left (numbers). The last
    /// column is never padded on the right, so lines carry no trailing spaces.
    func render(rightAligned: Set<Int> = []) -> String {
        let all = (headings.map { [$0] } ?? []) + rows
        let columns = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], Self.displayWidth(cell)) }
        }
        var output = ""
        for row in all {
            var line = ""
            for (index, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - Self.displayWidth(cell))
                if index > 0 { line += "  " }
                if rightAligned.contains(index) {
                    line += padding + cell
                } else {
                    line += index == row.count - 1 ? cell : cell + padding
                }
            }
            output += line.trimmingTrailingSpaces() + "\n"
        }
        return output
    }

    /// Terminal cells a string takes: escapes (ESC … m) count 0, wide East Asian characters 2.
    static func displayWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                continue
            }
            width += isWide(scalar) ? 2 : 1
        }
        return width
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
