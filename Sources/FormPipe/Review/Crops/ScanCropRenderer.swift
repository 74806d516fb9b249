import Foundation

/// Renders, for each repaired field of a PDF, a PNG of the page around the field's cell, so the
/// reviewer compares the value with the scan without opening the PDF.
enum ScanCropRenderer {
    /// `crops/fNN-….png` → PNG bytes, one per field that has a page and a box.
    static func crops(for log: RepairLogFile, pdf: URL) -> [String: Data] {
        [:]  // filled in once the Poppler owner types land (branch `pdf`)
    }
}
