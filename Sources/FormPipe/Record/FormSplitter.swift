/// Cuts a document's blocks into forms. A form starts at its title "项目支出绩效自评表"
/// (in a heading, a loose line or a cell); a second 项目名称 row inside one form also starts a
/// new form, for files whose titles were lost.
struct FormSplitter {
    struct FormBlocks: Sendable {
        var blocks: [DocumentBlock]
    }

    func split(_ blocks: [DocumentBlock]) -> [FormBlocks] {
        var forms: [FormBlocks] = []
        var current: [DocumentBlock] = []
        var currentHasProjectName = false
        var currentHasTitle = false

        func flush() {
            if currentHasProjectName { forms.append(FormBlocks(blocks: current)) }
            current = []
            currentHasProjectName = false
            currentHasTitle = false
        }

        for block in blocks {
            switch block {
            case .text(let line) where LabelText.compact(line.text).contains(FormRecord.formTypeName):
                if currentHasProjectName || !currentHasTitle { flush() }
                currentHasTitle = true
            case .row(let row) where row.cells.contains(where: { LabelText.compact($0.text).contains(FormRecord.formTypeName) }):
                if currentHasProjectName || !currentHasTitle { flush() }
                currentHasTitle = true
            case .row(let row) where row.cells.contains(where: { LabelText.isLabel($0.text, "项目名称") }):
                if currentHasProjectName {
                    flush()
                }
                currentHasProjectName = true
            default:
                break
            }
            current.append(block)
        }
        flush()
        return forms
    }
}

/// Label matching that ignores the damage labels suffer (spaces, wraps, tags, full-width
/// parentheses), so "年初预 算数" and "项目资金 ( 万元 )" are found.
enum LabelText {
    static func compact(_ text: String) -> String {
        var output = ""
        var insideTag = false
        for character in text {
            if character == "<" { insideTag = true; continue }
            if character == ">" && insideTag { insideTag = false; continue }
            if insideTag || character.isCellWhitespace { continue }
            switch character {
            case "（": output.append("(")
            case "）": output.append(")")
            case "：": output.append(":")
            default: output.append(character)
            }
        }
        return output
    }

    static func isLabel(_ text: String, _ label: String) -> Bool {
        compact(text) == label
    }

    /// Labels of the form's fixed layout; never taken as a value.
    static let fixedLabels: Set<String> = [
        "项目名称", "主管部门", "实施单位", "项目负责人", "联系电话", "项目资金(万元)", "项目资金", "年初预算数", "全年预算数",
        "全年执行数", "分值", "执行率", "得分", "年度总体目标", "年度", "总体目标", "预期目标", "实际完成情况", "绩效指标",
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施", "总分",
    ]

    static func isFixedLabel(_ text: String) -> Bool {
        fixedLabels.contains(compact(text))
    }
}
