import Foundation

/// "谢凯13990260322(办公)" or "谢凯 13990260322" in one 项目负责人及电话 cell: the name, and the
/// digits as the phone; an annotation such as "(办公)" belongs to neither, nor does a word that
/// only says what the number is ("电话：", "手机").
struct LeadAndPhone {
    static let rule = "lead-and-phone-split"
    var lead: String?
    var phone: String?

    /// Words printed before a number to name it; longest first, so "联系电话" goes whole.
    static let numberWords = ["联系电话", "联系方式", "办公电话", "电话", "手机", "Tel", "TEL", "tel"]

    init(_ text: String) {
        var withoutNotes = ""
        var depth = 0
        for character in text {
            switch character {
            case "(", "（": depth += 1
            case ")", "）": depth = max(0, depth - 1)
            default: if depth == 0 { withoutNotes.append(character) }
            }
        }
        var compact = String(withoutNotes.filter { !$0.isCellWhitespace })
        for word in Self.numberWords { compact = compact.replacingOccurrences(of: word, with: "") }
        let digits = compact.filter { $0.isASCII && $0.isNumber || ("０"..."９").contains($0) }
        let name = compact.filter {
            !($0.isASCII && $0.isNumber) && !("０"..."９").contains($0) && !"-－—:：/、,，;；".contains($0)
        }
        lead = name.isEmpty ? nil : String(name)
        phone = digits.count >= 5 ? String(digits) : nil
    }
}
