/// A record path told in the form's own words: `funds[1].executed` is "当年财政拨款 · 全年执行数",
/// `indicators[11].level2` is "绩效指标 第12行 · 二级指标", so a reviewer finds the cell on paper.
public enum FieldCaption {
    public static func caption(for field: String) -> String {
        guard let path = FieldPath(parsing: field) else { return field }
        var parts: [String] = []
        var list = ""
        for component in path.components {
            switch component {
            case .key(let key):
                list = key
                switch key {
                case "funds", "indicators": continue  // the row names itself below
                case "goals": parts.append("年度总体目标")
                default: parts.append(FieldLabel.byKey[key] ?? key)
                }
            case .index(let index):
                if list == "funds", FundsRow.items.indices.contains(index) {
                    parts.append(FundsRow.items[index])
                } else {
                    parts.append("\(FieldLabel.byKey[list] ?? list) 第\(index + 1)行")
                }
            }
        }
        return parts.joined(separator: " · ")
    }
}
