import CXLSXWriter
import Foundation

/// Writes sheets into one `.xlsx` workbook through libxlsxwriter.
///
/// The workbook is written to a hidden file beside the target and renamed over it, so a reader
/// never opens half a workbook. The `lxw_workbook` is owned here alone: `workbook_close` writes
/// and frees it on every path, and the sheets and formats it hands out die with it.
public struct XLSXWorkbookWriter: Sendable {
    public enum WriteError: Error, CustomStringConvertible {
        case cannotCreate(String)
        case library(String, String)

        public var description: String {
            switch self {
            case .cannotCreate(let path): "cannot create \(path): check that its folder exists and is writable"
            case .library(let path, let reason): "cannot write \(path): \(reason)"
            }
        }
    }

    public init() {}

    /// Excel's own limits: a sheet name of 31 characters, 65,530 links per sheet.
    private static let maximumLinks = 65_530

    public func write(_ tables: [SpreadsheetTable], to file: URL) throws(WriteError) {
        let temporary = file.deletingLastPathComponent()
            .appendingPathComponent(".\(file.lastPathComponent).\(getpid()).tmp.xlsx")
        // constant_memory writes each row out as it is finished, so memory stays flat for any outbox.
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 1)
        guard let workbook = workbook_new_opt(temporary.path, &options) else {
            throw .cannotCreate(temporary.path)
        }
        let header = workbook_add_format(workbook)
        format_set_bold(header)
        let link = workbook_add_format(workbook)
        format_set_underline(link, UInt8(LXW_UNDERLINE_SINGLE.rawValue))
        format_set_font_color(link, lxw_color_t(LXW_COLOR_BLUE.rawValue))

        var failure: String?
        for table in tables where failure == nil {
            guard let sheet = workbook_add_worksheet(workbook, String(table.name.prefix(31))) else {
                failure = "libxlsxwriter refused the sheet name \(table.name)"
                break
            }
            worksheet_freeze_panes(sheet, 1, 0)
            for (column, title) in table.headers.enumerated() {
                worksheet_write_string(sheet, 0, lxw_col_t(column), title, header)
            }
            var links = 0
            for (index, row) in table.rows.enumerated() {
                let rowNumber = lxw_row_t(index + 1)
                for (column, cell) in row.enumerated() {
                    let column = lxw_col_t(column)
                    let status: lxw_error
                    switch cell {
                    case .empty: status = LXW_NO_ERROR
                    case .text(let text): status = worksheet_write_string(sheet, rowNumber, column, text, nil)
                    case .number(let number): status = worksheet_write_number(sheet, rowNumber, column, number.value, nil)
                    case .link(let url, let label) where links < Self.maximumLinks:
                        links += 1
                        status = worksheet_write_url_opt(sheet, rowNumber, column, url, link, label, nil)
                    case .link(let url, _): status = worksheet_write_string(sheet, rowNumber, column, url, nil)
                    }
                    if status != LXW_NO_ERROR, failure == nil {
                        failure = "row \(index + 2) of sheet \(table.name): \(String(cString: lxw_strerror(status)))"
                    }
                }
            }
            if !table.rows.isEmpty {
                worksheet_autofilter(sheet, 0, 0, lxw_row_t(table.rows.count), lxw_col_t(max(table.headers.count - 1, 0)))
            }
        }
        let closed = workbook_close(workbook)
        if failure == nil, closed != LXW_NO_ERROR { failure = String(cString: lxw_strerror(closed)) }
        if let failure {
            try? FileManager.default.removeItem(at: temporary)
            throw .library(file.path, failure)
        }
        guard rename(temporary.path, file.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw .library(file.path, String(cString: strerror(errno)))
        }
    }
}
