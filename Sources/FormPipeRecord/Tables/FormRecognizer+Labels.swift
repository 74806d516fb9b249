import Foundation
import FormPipeCore

extension FormRecognizer {
    /// A label as printed, made comparable: the one normalizer of printed labels
    /// (``LabelText/normalized(_:)``), so recognizing a form and mapping it read labels alike.
    static func normalized(_ text: String) -> String { LabelText.normalized(text) }

    /// What a line that stands alone (a text line, a row with one filled cell) says about the
    /// kind of form below it.
    enum TitleKind: Equatable {
        /// "项目支出绩效自评表", "部门预算项目支出绩效自评表", "绩效目标自评表（2022年度）".
        case selfEvaluation
        /// The title of some other table: "项目支出绩效目标申报表", "专项资金明细表".
        case other

        /// Titles are short and end in 表 once the "附件1:" before them and the year in them are
        /// gone; nil for any other line. `label` is ``FormRecognizer/normalized(_:)`` text. OCR
        /// misreads one character of a title now and then ("项目支出绩效目评表"), so 自评 anywhere or
        /// 评表 at the end is enough for the kind.
        static func classify(_ label: String) -> TitleKind? {
            let title = withoutYear(withoutAttachmentMark(Substring(label)))
            guard (4...40).contains(title.count), title.hasSuffix("表") else { return nil }
            return title.contains("自评") || title.hasSuffix("评表") ? .selfEvaluation : .other
        }

        /// "附件1:", "附件", "附表2" before a title.
        private static func withoutAttachmentMark(_ text: Substring) -> Substring {
            guard text.hasPrefix("附件") || text.hasPrefix("附表") else { return text }
            let rest = text.dropFirst(2).drop { $0.isASCII && ($0.isNumber || $0 == ":" || $0 == "-" || $0 == ".") }
            return rest.isEmpty ? text : rest
        }

        /// "2022年度…", "…(2022年度)", "…(2022年)": the year is not part of what the title says.
        private static func withoutYear(_ text: Substring) -> String {
            String(text).replacingOccurrences(of: "\\(?[0-9]{4}年度?\\)?", with: "", options: .regularExpression)
        }
    }
}
