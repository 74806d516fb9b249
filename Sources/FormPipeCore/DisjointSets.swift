/// Which of the items `0..<count` end up connected, as links between pairs are added
/// (union–find with path halving): the pieces of one ruling line, the cells of one table, the
/// input files that could claim one output folder.
package struct DisjointSets {
    private var parent: [Int]

    package init(count: Int) {
        parent = Array(0..<count)
    }

    /// The representative of `index`'s set; items are connected when their roots are equal.
    package mutating func root(_ index: Int) -> Int {
        var index = index
        while parent[index] != index {
            parent[index] = parent[parent[index]]
            index = parent[index]
        }
        return index
    }

    package mutating func union(_ first: Int, _ second: Int) {
        let (a, b) = (root(first), root(second))
        if a != b { parent[a] = b }
    }
}
