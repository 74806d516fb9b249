import FormPipeCore
import FormPipeLayout
import FormPipeRecord

/// `tables.json`: the table record in JSON, key order as docs/tables.md lists it.
extension TableRecord {
    public func json(source: String) -> JSONValue {
        .object([
            ("recordType", .string("tables")),
            ("source", .string(source)),
            ("tables", .array(tables.map(\.json))),
        ])
    }
}

extension TableRecord.Table {
    package var json: JSONValue {
        .object([
            ("table", .number(number)),
            ("page", page.map { .number($0) } ?? .null),
            ("caption", .string(caption)),
            ("rowCount", .number(rows.count)),
            ("columnCount", .number(columnCount)),
            (
                "rows",
                .array(
                    rows.enumerated().map { index, cells in
                        .object([("row", .number(index + 1)), ("cells", .array(cells.map(\.json)))])
                    })
            ),
        ])
    }
}

extension TableRecord.Cell {
    package var json: JSONValue {
        .object([
            ("row", .number(row)),
            ("column", .number(column)),
            ("rowSpan", .number(rowSpan)),
            ("colSpan", .number(columnSpan)),
            ("text", .string(text)),
            ("page", page.map { .number($0) } ?? .null),
            ("bbox", box.map { box in .array(box.corners.map { JSONValue.number(($0 * 10).rounded() / 10) }) } ?? .null),
        ])
    }
}

extension BoundingBox {
    /// x0, y0, x1, y1: how `repairs.jsonl` and `tables.json` write a box.
    var corners: [Double] { [x0, y0, x1, y1] }
}
