import Foundation
import FormPipeCore

/// One sheet of the export: a header row and rows of typed cells. The xlsx and CSV writers
/// both write these, so the two exports always have the same columns.
public struct SpreadsheetTable: Sendable {
    /// The sheet name (also the CSV file's stem).
    public var name: String
    /// The CSV file's name without extension (ASCII, for shells and scripts).
    public var fileStem: String
    public var headers: [String]
    public var rows: [[Cell]] = []

    public enum Cell: Sendable, Equatable {
        case empty
        case text(String)
        /// A number from the record, written as a number so it sums and sorts as one; CSV keeps
        /// the digits the record printed ("587.049060").
        case number(PrintedNumber)
        /// A hyperlink shown as `label`.
        case link(url: String, label: String)

        /// A record value: numbers stay numbers, strings text, null and the rest empty.
        static func value(_ json: JSONValue?) -> Cell {
            switch json {
            case .number(let literal)?: PrintedNumber(literal: literal).map(Cell.number) ?? .empty
            case .string(let text)?: text.isEmpty ? .empty : .text(text)
            default: .empty
            }
        }

        /// A count formpipe made (a form's number, its repairs), not a value the record printed.
        static func count(_ value: Int) -> Cell { .number(PrintedNumber(Double(value))) }

        /// The cell as CSV text.
        var plainText: String {
            switch self {
            case .empty: ""
            case .text(let text): text
            case .number(let number): number.literal
            case .link(let url, _): url
            }
        }
    }
}
