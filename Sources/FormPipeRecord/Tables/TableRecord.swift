import FormPipeCore
import FormPipeLayout
import FormPipeRepair

/// The tables of a document that belong to no form formpipe knows — a whole document of some
/// other kind, or an appendix table after the forms — kept cell by cell (`tables.json`,
/// `tables.xml`), so nothing the file holds is lost when it is not a 项目支出绩效自评表.
public struct TableRecord: Sendable, Hashable {
    public struct Cell: Sendable, Hashable {
        /// 1-based row of the table the cell starts in.
        public var row: Int
        /// 1-based first grid column the cell covers, in the source table's own grid.
        public var column: Int
        public var rowSpan: Int
        public var columnSpan: Int
        /// The cell's text, repaired as a record field's would be (each change logged).
        public var text: String
        public var page: Int?
        /// Where the input has geometry (PDF).
        public var box: BoundingBox?
    }

    public struct Table: Sendable, Hashable {
        /// 1-based, in reading order.
        public var number: Int
        /// The page of the table's first row, where the input has pages.
        public var page: Int?
        /// The line printed just above the table (its title), when there is one.
        public var caption: String?
        /// Rows in printed order; a row holds the cells that start in it.
        public var rows: [[Cell]]

        public var columnCount: Int { rows.flatMap { $0 }.map { $0.column + $0.columnSpan - 1 }.max() ?? 0 }
    }

    public var tables: [Table]

    public init(tables: [Table] = []) {
        self.tables = tables
    }

    public var isEmpty: Bool { tables.isEmpty }

    /// The record path a repair of one cell names: indices into the JSON arrays, from 0
    /// (`tables[0].rows[2].cells[1]`), as `indicators[3].target` does for a form.
    package static func fieldPath(table: Int, row: Int, cell: Int) -> String {
        "tables[\(table)].rows[\(row)].cells[\(cell)]"
    }
}

extension Repair {
    /// The `form` of a repair or finding that concerns the table record rather than a form;
    /// written as `"form": null` in `repairs.jsonl`.
    public static let outsideForms = 0
}

extension Repair {
    /// `"form"` in `repairs.jsonl`: the form number, or null for the table record.
    package static func formJSON(_ form: Int) -> JSONValue {
        form == outsideForms ? .null : .number(form)
    }
}

extension TableRecord {
    /// "附表1 第3行 第2格" for `tables[0].rows[2].cells[1]`; nil for a form's field.
    package static func caption(forField field: String) -> String? {
        guard field.hasPrefix("tables[") else { return nil }
        let numbers = field.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count == 3 else { return nil }
        return "附表\(numbers[0] + 1) 第\(numbers[1] + 1)行 第\(numbers[2] + 1)格"
    }
}
