import FormPipeCore

/// The label matching that needs this kind of form's words: its titles and fixed labels.
/// Kept beside the definition so that ``LabelText`` itself (the core's normalizer) knows no form.
extension LabelText {
    /// The title of a form of this kind that `compacted` (a ``compact(_:)`` result) holds, or
    /// nil. The bytes are looked at first because most cells hold no title and Foundation's
    /// search is slow.
    package static func title(in compacted: String) -> String? {
        guard containsBytes(compacted, titleCoreUTF8) || containsBytes(compacted, shortTitleUTF8) else { return nil }
        return FormDefinition.selfEvaluation.titles.first { compacted.contains($0) }
    }

    /// Whether `compacted` holds a title of this kind of form.
    package static func holdsTitle(_ compacted: String) -> Bool {
        title(in: compacted) != nil
    }

    /// Every title ends with one of these.
    private static let titleCoreUTF8 = Array("支出绩效自评表".utf8)
    private static let shortTitleUTF8 = Array("目标自评表".utf8)

    private static func containsBytes(_ text: String, _ needle: [UInt8]) -> Bool {
        let haystack = Array(text.utf8)
        guard haystack.count >= needle.count, let first = needle.first else { return needle.isEmpty }
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == first && haystack[start..<start + needle.count].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }

    /// Labels of the form's fixed layout; never taken as a value.
    package static let fixedLabels: Set<String> = FormDefinition.selfEvaluation.fixedLabels

    package static func isFixedLabel(_ text: String) -> Bool {
        fixedLabels.contains(normalized(text))
    }
}
