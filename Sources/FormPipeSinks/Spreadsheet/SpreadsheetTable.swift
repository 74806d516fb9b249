import Foundation

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
        /// A number from the record, written as a number so it sums and sorts as one.
        case number(Double)
        /// A hyperlink shown as `label`.
        case link(url: String, label: String)

        /// A record value: numbers stay numbers, strings text, null and the rest empty.
        static func value(_ any: Any?) -> Cell {
            switch any {
            // Records hold no booleans, so every JSON number is a number here.
            case let number as NSNumber:
                return .number(number.doubleValue)
            case let text as String:
                return text.isEmpty ? .empty : .text(text)
            default:
                return .empty
            }
        }

        /// The cell as CSV text.
        var plainText: String {
            switch self {
            case .empty: ""
            case .text(let text): text
            case .number(let number): number.plainText
            case .link(let url, _): url
            }
        }
    }
}
