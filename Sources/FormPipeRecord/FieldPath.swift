/// A path to one value of a record, written as the repair log writes it: `projectName`,
/// `funds[0].executed`, `indicators[11].level2`, `goals.expected`, `total.score`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component]) {
        self.components = components
    }

    /// Parses the written form; nil when it is not keys joined by "." with optional "[n]" indexes.
    public init?(parsing text: String) {
        var components: [Component] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"),
                    let index = Int(rest[rest.index(after: rest.startIndex)..<close]),
                    index >= 0, !components.isEmpty
                else { return nil }
                components.append(.index(index))
                rest = rest[rest.index(after: close)...]
            } else {
                if !components.isEmpty {
                    guard rest.first == "." else { return nil }
                    rest = rest.dropFirst()
                }
                let key = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                guard !key.isEmpty, key.first?.isNumber == false else { return nil }
                components.append(.key(String(key)))
                rest = rest[key.endIndex...]
            }
        }
        guard !components.isEmpty else { return nil }
        self.components = components
    }

    public var description: String { written(showingIndexes: true) }

    /// The path with indexes written `[]` (`funds[].executed`), for matching a field whatever its row.
    public var pattern: String { written(showingIndexes: false) }

    private func written(showingIndexes: Bool) -> String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += showingIndexes ? "[\(index)]" : "[]"
            }
        }
        return text
    }
}

extension FieldPath {
    /// `prefix` followed by the written path with its brackets and dots turned into single
    /// dashes (`funds[0].executed` → `funds-0-executed`): for HTML ids and crop keys.
    package static func identifier(prefix: String, field: String) -> String {
        var id = prefix
        for character in field {
            switch character {
            case "[", ".": if id.last != "-" { id.append("-") }
            case "]": continue
            default: id.append(character)
            }
        }
        return id
    }
}
