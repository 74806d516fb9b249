import Foundation
import FormPipeCore
import FormPipeDefinition
import FormPipeLayout
import FormPipeRepair

/// Reads the 项目资金 block: the standard rows (年度资金总额, 当年财政拨款, 上年结转资金, 其他资金,
/// under any of their printed names) and any further rows the form prints, each followed by its
/// value cells in the order the block's header names the columns (`FormDefinition.funds`).
///
/// Values are taken by their position after the item's own cell, which survives rows that lost
/// or gained leading cells. An OCR engine sometimes inserts an empty cell inside the row; when
/// a row has more cells than the header has columns, empty ones are dropped where the cells'
/// content says they do not belong (the "%" cell must land under 执行率), and the drop is logged.
struct FundsBlockReader {
    private static let layout = FormDefinition.selfEvaluation.funds
    private var rows: [Int: (row: TableRow, itemIndex: Int)] = [:]
    private var extraRows: [(item: String, row: TableRow, itemIndex: Int)] = []
    /// The value columns in printed order, from the header (nil for a column the definition does
    /// not know); the standard order until a header is read.
    private(set) var keys: [String?] = FundsRow.numericKeys
    /// The unit the block's label names.
    private(set) var unit: String = layout.units[0]

    /// Whether `row` is the block's header: its label, or two column headers of its own.
    static func isHeader(_ row: TableRow) -> Bool {
        let labels = row.cells.map { LabelText.normalized($0.text) }
        if labels.contains(where: { $0.hasPrefix("项目资金") && $0.count <= 10 }) { return true }
        let fundsOnly = ["initialBudget", "annualBudget", "executed", "executionRate"]
        let headers = labels.filter { label in layout.columns.contains { fundsOnly.contains($0.key) && $0.labels.contains(label) } }
        return headers.count >= 2 && !labels.contains("三级指标")
    }

    /// Header cells naming no column of the definition: printed, but not read into the record.
    private(set) var unknownHeaders: [String] = []

    mutating func readHeader(_ row: TableRow) {
        var found: [String?] = []
        for cell in row.cells {
            let label = LabelText.normalized(cell.text)
            // "项目资金（元）", or the unit in a cell of its own under or beside "项目资金".
            let unitCell = Self.layout.units.contains { label == "(\($0))" || label == "单位:\($0)" }
            if label.hasPrefix("项目资金") || unitCell,
                let unit = Self.layout.units.first(where: { label.contains("(\($0))") || label.hasSuffix(":\($0)") })
            {
                self.unit = unit
            }
            if let column = HeaderMatcher.match(cell.text, in: Self.layout.columns) {
                found.append(found.contains(column.key) ? nil : column.key)
            } else if !label.isEmpty, !label.hasPrefix("项目资金"), !unitCell, !found.isEmpty {
                // A column after the first known one: its cells hold values the record has no key for.
                unknownHeaders.append(label)
                found.append(nil)
            }
        }
        if let restored = Self.restoredByPosition(row) {
            keys = restored.keys
            restoredHeaders = restored.restored
            unknownHeaders = []
        } else if found.compactMap({ $0 }).count >= 2 {
            keys = found
        }
    }

    /// Header cells put back by their position (``restoredByPosition(_:)``): what OCR read, and
    /// the column the definition prints there.
    private(set) var restoredHeaders: [(cell: TableCell, key: String)] = []

    /// The definition's standard columns, when the header prints exactly that many after its
    /// block label and every header cell that could be read names the standard column at its
    /// place: a heavy scan reads "年切甩算数" for 年初预算数 and "分依" for 分值, and two or more
    /// readable headers in the standard order say the rest are its columns too. Nil otherwise
    /// (another layout: fewer or more columns, another order), and then unread headers stay
    /// unknown columns.
    static func restoredByPosition(_ row: TableRow) -> (keys: [String?], restored: [(cell: TableCell, key: String)])? {
        let standard = FundsRow.numericKeys
        let cells = row.cells.filter { !LabelText.compact($0.text).isEmpty }
        guard cells.count >= standard.count else { return nil }
        let headers = Array(cells.suffix(standard.count))
        var matched = 0
        var restored: [(cell: TableCell, key: String)] = []
        for (cell, key) in zip(headers, standard) {
            if let column = HeaderMatcher.match(cell.text, in: layout.columns) {
                guard column.key == key else { return nil }
                matched += 1
            } else {
                // A label of another block (项目资金) or a fixed label is no damaged header.
                guard !LabelText.isFixedLabel(cell.text), LabelText.compact(cell.text).count <= 10 else { return nil }
                restored.append((cell, key))
            }
        }
        guard matched >= 2, !restored.isEmpty else { return nil }
        return (standard.map { $0 }, restored)
    }

    /// Which standard row `row` is, by its item cell.
    static func item(in row: TableRow) -> (index: Int, cellIndex: Int)? {
        for (cellIndex, cell) in row.cells.enumerated() {
            let label = LabelText.normalized(cell.text)
            guard !label.isEmpty, label.count <= 14 else { continue }
            if let index = layout.rows.firstIndex(where: { $0.labels.contains(label) }) { return (index, cellIndex) }
            for (index, item) in FundsRow.items.enumerated() where label.hasSuffix(item) {
                return (index, cellIndex)
            }
            if let index = itemByHead(label) { return (index, cellIndex) }
        }
        return nil
    }

    /// The standard row whose name begins like `label` when OCR garbled its end ("年度资金怠扫;",
    /// "本年财政所数"): the first four characters of one row's names only, and the length of a
    /// name give or take two. Four characters of a funds row name ("年度资金", "本年财政", "上年结转")
    /// name no other row of the block.
    private static func itemByHead(_ label: String) -> Int? {
        let head = label.prefix(4)
        guard head.count == 4, head.allSatisfy({ $0.unicodeScalars.first!.value >= 0x4E00 }) else { return nil }
        let candidates = Set(
            layout.rows.indices.filter { index in
                layout.rows[index].labels.contains { $0.count >= 5 && $0.hasPrefix(head) && abs($0.count - label.count) <= 2 }
            })
        return candidates.count == 1 ? candidates.first : nil
    }

    /// A further row of the block ("财政专户管理资金"): its first cell is a short label followed by
    /// value cells. Returns the printed label without spaces and a leading "其中：".
    static func extraItem(in row: TableRow) -> (item: String, cellIndex: Int)? {
        guard let cellIndex = row.cells.firstIndex(where: { !LabelText.compact($0.text).isEmpty }) else { return nil }
        let label = LabelText.normalized(row.cells[cellIndex].text)
        guard label.count <= 14, PrintedNumber(parsing: label) == nil, !LabelText.isFixedLabel(label),
            !label.hasPrefix("项目资金"), label.contains(where: { $0.unicodeScalars.first!.value >= 0x4E00 })
        else { return nil }
        // A source of money by its name, or a label followed by amounts; a row of damaged text
        // that merely follows the block is neither.
        let values = row.cells[(cellIndex + 1)...]
        let namesMoney = moneyWords.contains { label.hasSuffix($0) }
        let holdsAmount = values.contains { PrintedNumber(parsing: $0.text) != nil || NumberCellReader.withoutThousandsSeparators($0.text) != nil }
        guard values.count >= 2, namesMoney || holdsAmount else { return nil }
        return (label, cellIndex)
    }

    /// How the names of funds sources end (财政专户管理资金, 单位资金, 事业收入, 专项拨款).
    private static let moneyWords = ["资金", "拨款", "收入", "经费", "款"]

    mutating func readRow(_ row: TableRow, item: (index: Int, cellIndex: Int)) {
        if rows[item.index] == nil { rows[item.index] = (row, item.cellIndex) }
    }

    mutating func readExtraRow(_ row: TableRow, item: (item: String, cellIndex: Int)) {
        extraRows.append((item.item, row, item.cellIndex))
    }

    func finish(repairer: CellTextRepairer, log: inout RepairCollector) -> [FundsRow] {
        for (cell, key) in restoredHeaders {
            let label = Self.layout.columns.first { $0.key == key }?.label ?? key
            HeaderLabelRestoration.logRestoredColumn(cell, key: key, label: label, section: "funds", log: &log)
        }
        for label in unknownHeaders {
            log.report(
                rule: "unknown-column", fields: ["funds"],
                message: "funds: the column \"\(label)\" is no column of the record format; its values are not in the record")
        }
        var result = FundsRow.items.enumerated().map { index, name in
            var funds = FundsRow(item: name)
            if let (row, itemIndex) = rows[index] { read(row, after: itemIndex, into: &funds, index: index, repairer: repairer, log: &log) }
            return funds
        }
        for extra in extraRows {
            var funds = FundsRow(item: extra.item)
            read(extra.row, after: extra.itemIndex, into: &funds, index: result.count, repairer: repairer, log: &log)
            result.append(funds)
        }
        return result
    }

    private func read(
        _ row: TableRow, after itemIndex: Int, into funds: inout FundsRow, index: Int, repairer: CellTextRepairer,
        log: inout RepairCollector
    ) {
        let cells = Self.valueCells(Array(row.cells[(itemIndex + 1)...]), keys: keys, path: "funds[\(index)]", log: &log)
        for (key, cell) in zip(keys, cells) {
            guard let key else { continue }
            funds[numeric: key] = NumberCellReader.read(cell, path: "funds[\(index)].\(key)", repairer: repairer, log: &log)
        }
    }

    static func valueCells(_ cells: [TableCell], keys: [String?] = FundsRow.numericKeys, path: String, log: inout RepairCollector)
        -> [TableCell]
    {
        var cells = cells
        let rateIndex = keys.firstIndex(of: "executionRate") ?? keys.count
        let isEmpty: (TableCell) -> Bool = { LabelText.compact($0.text).isEmpty }
        while cells.count > keys.count, let drop = droppableEmptyCell(cells, rateIndex: rateIndex, isEmpty: isEmpty) {
            let printed = cells.map { LabelText.compact($0.text) }.joined(separator: " | ")
            let removed = cells.remove(at: drop)
            log.add(
                FieldLocation(path, cell: removed), rule: "inserted-empty-cell", before: printed,
                after: cells.map { LabelText.compact($0.text) }.joined(separator: " | "), confidence: 0.8)
        }
        return cells
    }

    /// The empty cell to drop: one left of a "%" cell that sits right of 执行率, else the last.
    private static func droppableEmptyCell(_ cells: [TableCell], rateIndex: Int, isEmpty: (TableCell) -> Bool) -> Int? {
        if let percent = cells.firstIndex(where: { $0.text.contains("%") || $0.text.contains("％") }), percent > rateIndex,
            let empty = cells[..<percent].lastIndex(where: isEmpty)
        {
            return empty
        }
        return cells.lastIndex(where: isEmpty)
    }
}

/// Reads a number cell: "—" and blank are null, "100%" is 100, a stray unit is dropped and logged.
enum NumberCellReader {
    static let nullMarks: Set<String> = ["—", "-", "–", "－", "——", "/", "／", "无"]

    static func read(_ cell: TableCell, path: String, repairer: CellTextRepairer, log: inout RepairCollector)
        -> PrintedNumber?
    {
        let location = FieldLocation(path, cell: cell)
        let text = repairer.repair(cell.text, kind: .number, at: location, log: &log)
        if text.isEmpty || nullMarks.contains(text) { return nil }
        if let number = PrintedNumber(parsing: text) { return number }
        if let number = withoutThousandsSeparators(text) {
            log.add(location, rule: "thousands-separator", before: text, after: number.literal, confidence: 0.95)
            return number
        }
        for unit in ["万元", "万", "元", "分"] where text.hasSuffix(unit) {
            if let number = PrintedNumber(parsing: String(text.dropLast(unit.count))) {
                log.add(location, rule: "unit-in-number", before: text, after: number.literal, confidence: 0.8)
                return number
            }
        }
        log.report(rule: "unreadable-number", fields: [path], message: "\(path): \"\(text)\" is not a number; the record holds null")
        return nil
    }

    /// "215,457.6" or "8,012.82": separators between groups of three digits before the point.
    static func withoutThousandsSeparators(_ text: String) -> PrintedNumber? {
        let compact = LabelText.compact(text).replacingOccurrences(of: "，", with: ",")
        guard compact.contains(",") else { return nil }
        let integer = compact.split(separator: ".", maxSplits: 1)[0].replacingOccurrences(of: "%", with: "")
        let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count >= 2, (1...3).contains(groups[0].trimmingCharacters(in: CharacterSet(charactersIn: "-")).count),
            groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
        return PrintedNumber(parsing: compact.replacingOccurrences(of: ",", with: ""))
    }
}
