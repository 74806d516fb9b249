import FormPipeCore
import FormPipeDefinition
import FormPipeLayout

/// Decides whether a run of blocks the splitter offers as a form is a 项目支出绩效自评表.
///
/// One cell is not enough: a 项目支出绩效目标申报表 has 项目名称, 主管部门, 实施单位, 项目资金 and the
/// whole 绩效指标 header too. What only the self-evaluation prints is the evaluation itself —
/// execution columns (全年执行数, 执行率), achieved values (实际完成值, 实际完成情况), 得分 and the
/// 总分 row — so the verdict weighs the labels the two kinds share and the ones only this kind
/// has, each group counted once, and a title of another kind (…申报表) above the table rejects it.
package struct FormRecognizer: Sendable {
    struct Verdict: Sendable, Equatable {
        var isSelfEvaluation: Bool
        /// Groups of labels of the kind found, by name (`项目名称`, `执行`, …).
        var shared: [String]
        var evaluation: [String]
        var kindTitle: String?
        var foreignTitle: String?

        var score: Int { shared.count + 2 * evaluation.count + (kindTitle == nil ? 0 : 3) }

        /// One sentence for the finding logged when a candidate is not taken.
        var explanation: String {
            var parts: [String] = []
            if let foreignTitle { parts.append("it is titled \(foreignTitle)") }
            let missing = FormRecognizer.evaluationGroups.map(\.name).filter { !evaluation.contains($0) }
            parts.append(
                "it prints \(evaluation.count) of the \(FormRecognizer.evaluationGroups.count) kinds of evaluation "
                    + "label a 自评表 has (missing: \(missing.joined(separator: ", ")))")
            return parts.joined(separator: "; ")
        }
    }

    /// Labels a 自评表 shares with other forms of the same family, and those only it prints.
    static let sharedGroups = FormDefinition.selfEvaluation.recognition.shared
    static let evaluationGroups = FormDefinition.selfEvaluation.recognition.ownKind

    /// At least this score, and at least two kinds of evaluation label. A 自评表 with its title
    /// scores 3 + 6 + 10 = 19 when every label reads; a 申报表 at most 6 and no evaluation label.
    /// The lowest a converted form of the corpus scores is in docs/tables.md.
    static let threshold = 7
    static let minimumEvaluationGroups = 2
    /// Under a title of another kind, nearly every kind of evaluation label must be there.
    static let evaluationGroupsUnderAnotherTitle = 4

    package init() {}

    func judge(_ blocks: [DocumentBlock]) -> Verdict {
        var shared: Set<String> = []
        var evaluation: Set<String> = []
        var kindTitle: String?
        var foreignTitle: String?
        var beforeProjectName = true

        func look(at text: String, alone: Bool) {
            let label = Self.normalized(text)
            guard !label.isEmpty else { return }
            if alone, kindTitle == nil, let title = TitleKind.classify(label) {
                switch title {
                case .selfEvaluation: kindTitle = label
                case .other where beforeProjectName && foreignTitle == nil: foreignTitle = label
                case .other: break
                }
            }
            for group in Self.sharedGroups where Self.matches(label, group.labels) { shared.insert(group.name) }
            for group in Self.evaluationGroups where Self.matches(label, group.labels) { evaluation.insert(group.name) }
        }

        for block in blocks {
            switch block {
            case .text(let line):
                look(at: line.text, alone: true)
            case .row(let row):
                let filled = row.cells.filter { !LabelText.compact($0.text).isEmpty }
                for cell in filled { look(at: cell.text, alone: filled.count == 1) }
                if filled.contains(where: { Self.normalized($0.text) == "项目名称" }) { beforeProjectName = false }
            case .tableBreak:
                continue
            }
        }
        let ordered = { (groups: [(name: String, labels: [String])], found: Set<String>) in
            groups.map(\.name).filter(found.contains)
        }
        var verdict = Verdict(
            isSelfEvaluation: false, shared: ordered(Self.sharedGroups, shared),
            evaluation: ordered(Self.evaluationGroups, evaluation), kindTitle: kindTitle, foreignTitle: foreignTitle)
        // Another kind's title outweighs a few evaluation labels, not all of them: a damaged title
        // above a complete evaluation is still this form.
        let titledOtherwise = foreignTitle != nil && kindTitle == nil
        let evaluationNeeded = titledOtherwise ? Self.evaluationGroupsUnderAnotherTitle : Self.minimumEvaluationGroups
        verdict.isSelfEvaluation = verdict.evaluation.count >= evaluationNeeded && verdict.score >= Self.threshold
        return verdict
    }

    /// A label cell matches when it is the label, or the label followed by a short qualifier:
    /// "项目资金(万元)", "全年执行数(B)", "执行率(B/A)", "一级指标(分值)".
    static func matches(_ label: String, _ names: [String]) -> Bool {
        names.contains { name in label == name || (label.hasPrefix(name) && label.count <= name.count + 8) }
    }
}
