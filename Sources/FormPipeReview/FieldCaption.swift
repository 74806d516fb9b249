import FormPipeRecord
/// A record path told in the form's own words: `funds[1].executed` is "当年财政拨款 · 全年执行数",
/// `indicators[11].level2` is "绩效指标 第12行 · 二级指标", so a reviewer finds the cell on paper.
public enum FieldCaption {
    public static func caption(for field: String) -> String {
        if let cell = TableRecord.caption(forField: field) { return cell }
        guard let path = FieldPath(parsing: field) else { return field }
        var parts: [String] = []
        var labelPath = ""
        for component in path.components {
            switch component {
            case .key(let key):
                labelPath += labelPath.isEmpty ? key : ".\(key)"
                // A list's name is said with its row, below; other keys by their label.
                if key != "funds", key != "indicators" {
                    parts.append(FieldLabel.label(forPath: labelPath) ?? key)
                }
            case .index(let index):
                if labelPath == "funds", FundsRow.items.indices.contains(index) {
                    parts.append(FundsRow.items[index])
                } else {
                    parts.append("\(FieldLabel.label(forPath: labelPath) ?? labelPath) 第\(index + 1)行")
                }
            }
        }
        return parts.joined(separator: " · ")
    }
}
