import FormPipeLayout
import FormPipeRepair

/// Which blocks of a document are forms formpipe maps into records and which are left for the
/// table record: the splitter's candidates that ``FormRecognizer`` accepts, less any foreign
/// table after a form's end (``FormTail``); everything else — candidates it rejects, tables
/// before the first form — stays in the document as runs of blocks for ``TableRecordBuilder``.
package struct DocumentPartition {
    package struct Rejection: Sendable {
        var verdict: FormRecognizer.Verdict
        var page: Int?
    }

    package private(set) var forms: [FormSplitter.FormBlocks] = []
    package private(set) var rejections: [Rejection] = []
    /// Runs of consecutive blocks no form took, in reading order.
    package private(set) var leftovers: [ArraySlice<DocumentBlock>] = []

    package init(_ blocks: [DocumentBlock], recognizer: FormRecognizer = FormRecognizer()) {
        var taken = [Bool](repeating: false, count: blocks.count)
        var cursor = 0
        for candidate in FormSplitter().split(blocks) {
            let verdict = recognizer.judge(candidate.blocks)
            guard verdict.isSelfEvaluation else {
                rejections.append(Rejection(verdict: verdict, page: Self.firstPage(candidate.blocks)))
                continue
            }
            let formLength = FormTail.formLength(candidate.blocks)
            var form = candidate
            form.blocks = Array(candidate.blocks.prefix(formLength))
            forms.append(form)
            // The splitter hands out contiguous runs of the document in order; find this one's.
            guard let start = Self.locate(candidate.blocks, in: blocks, from: cursor) else { continue }
            for index in start..<(start + formLength) { taken[index] = true }
            cursor = start + candidate.blocks.count
        }
        var runStart: Int?
        for index in blocks.indices {
            if taken[index] {
                if let start = runStart { leftovers.append(blocks[start..<index]) }
                runStart = nil
            } else if runStart == nil {
                runStart = index
            }
        }
        if let start = runStart { leftovers.append(blocks[start...]) }
    }

    private static func locate(_ run: [DocumentBlock], in blocks: [DocumentBlock], from cursor: Int) -> Int? {
        guard let first = run.first, run.count <= blocks.count - cursor else { return nil }
        var start = cursor
        while start + run.count <= blocks.count {
            if blocks[start] == first, blocks[start..<(start + run.count)].elementsEqual(run) { return start }
            start += 1
        }
        return nil
    }

    private static func firstPage(_ blocks: [DocumentBlock]) -> Int? {
        for case .row(let row) in blocks {
            if let page = row.page ?? row.cells.lazy.compactMap(\.page).first { return page }
        }
        return nil
    }
}

extension DocumentPartition.Rejection {
    /// Said in the repair log: the candidate's tables are in the table record, and why. The
    /// record stage names no output file: the caller says where the table record is written.
    package func finding(tablesFile: String) -> Finding {
        let place = page.map { " on page \($0)" } ?? ""
        return Finding(
            form: Repair.outsideForms, rule: "not-a-known-form", fields: [],
            message: "a table with a 项目名称 row\(place) was not read as a \(FormRecord.formTypeName) "
                + "(\(verdict.explanation)); its cells are in \(tablesFile)")
    }
}
