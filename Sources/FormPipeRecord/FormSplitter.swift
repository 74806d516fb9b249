import FormPipeCore
import FormPipeLayout

/// Cuts a document's blocks into forms. A form starts at its title "项目支出绩效自评表"
/// (in a heading, a loose line or a cell); a second 项目名称 row inside one form also starts a
/// new form, for files whose titles were lost.
package struct FormSplitter {
    package struct FormBlocks: Sendable {
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
            case .text(let line) where LabelText.holdsTitle(LabelText.compact(line.text)):
                if currentHasProjectName || !currentHasTitle { flush() }
                currentHasTitle = true
            case .row(let row) where row.cells.contains(where: { LabelText.holdsTitle(LabelText.compact($0.text)) }):
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
