/// One 8-connected blob of ink pixels.
struct InkComponent {
    let id: Int
    var count: Int
    var box: PixelBox
}

/// The ink of a small image split into 8-connected components, with a label per pixel, so that
/// whole components (a speck, a leftover ruling) can be judged and erased.
package struct InkComponents {
    let width: Int
    let height: Int
    /// 0 = paper, else component id + 1.
    private var labels: [Int32]
    private var components: [InkComponent] = []
    /// `erased[id]`: indexed by component id, since `isInk` asks for every ink pixel.
    private var erased: [Bool] = []

    init(pixels: [UInt8], width: Int, height: Int, ink: UInt8) {
        self.width = width
        self.height = height
        labels = [Int32](repeating: 0, count: width * height)
        var stack: [Int] = []
        for start in 0..<(width * height) where pixels[start] < ink && labels[start] == 0 {
            let id = components.count
            var component = InkComponent(
                id: id, count: 0,
                box: PixelBox(x0: start % width, y0: start / width, x1: start % width + 1, y1: start / width + 1))
            labels[start] = Int32(id + 1)
            stack.append(start)
            while let index = stack.popLast() {
                let x = index % width
                let y = index / width
                component.count += 1
                component.box = PixelBox(
                    x0: min(component.box.x0, x), y0: min(component.box.y0, y), x1: max(component.box.x1, x + 1),
                    y1: max(component.box.y1, y + 1))
                for dy in -1...1 {
                    let ny = y + dy
                    guard ny >= 0, ny < height else { continue }
                    for dx in -1...1 {
                        let nx = x + dx
                        guard nx >= 0, nx < width else { continue }
                        let neighbour = ny * width + nx
                        if labels[neighbour] == 0 && pixels[neighbour] < ink {
                            labels[neighbour] = Int32(id + 1)
                            stack.append(neighbour)
                        }
                    }
                }
            }
            components.append(component)
        }
        erased = Array(repeating: false, count: components.count)
    }

    var indices: Range<Int> { components.indices }
    subscript(index: Int) -> InkComponent { components[index] }

    mutating func erase(_ index: Int) { erased[index] = true }

    /// Whether the pixel at (x, y) belongs to component `id`.
    func belongs(x: Int, y: Int, to id: Int) -> Bool {
        Int(labels[y * width + x]) == id + 1
    }

    func isInk(x: Int, y: Int) -> Bool {
        let label = Int(labels[y * width + x])
        return label != 0 && !erased[label - 1]
    }

    /// Whether any component other than `id` (and not erased) has a pixel inside `box`.
    func hasInk(in box: PixelBox, except id: Int) -> Bool {
        components.contains { other in
            other.id != id && !erased[other.id] && other.box.x0 < box.x1 && box.x0 < other.box.x1
                && other.box.y0 < box.y1 && box.y0 < other.box.y1
        }
    }

    /// The box around the ink that is left; nil when none is.
    var bounds: PixelBox? {
        let kept = components.filter { !erased[$0.id] }
        guard let first = kept.first else { return nil }
        return kept.dropFirst().reduce(first.box) {
            PixelBox(
                x0: min($0.x0, $1.box.x0), y0: min($0.y0, $1.box.y0), x1: max($0.x1, $1.box.x1),
                y1: max($0.y1, $1.box.y1))
        }
    }
}
