import Foundation

/// Writes each sheet as `DIR/STEM.csv`: RFC 4180 quoting, UTF-8 with a byte-order mark so that
/// spreadsheet programs read the Chinese headers as UTF-8 rather than the local code page.
public struct CSVTableWriter: Sendable {
    public init() {}

    /// Returns the files written.
    @discardableResult
    public func write(_ tables: [SpreadsheetTable], into directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [URL] = []
        for table in tables {
            var text = "\u{FEFF}" + Self.line(table.headers)
            for row in table.rows { text += Self.line(row.map(\.plainText)) }
            let file = directory.appendingPathComponent(table.fileStem + ".csv")
            try Data(text.utf8).write(to: file, options: .atomic)
            written.append(file)
        }
        return written
    }

    static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
