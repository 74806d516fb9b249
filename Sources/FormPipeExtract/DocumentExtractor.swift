import Foundation
import FormPipeCore
import FormPipeLayout

/// Turns one input file into rows of cells and loose text lines, in reading order.
///
/// Extractors do no repairs: what they return is what the source says, with the geometry that
/// was needed to put each piece of text into its cell.
public protocol DocumentExtractor: Sendable {
    /// - Parameters:
    ///   - file: the input file on disk.
    ///   - displayName: the name to use in error messages (the file's name in the inbox).
    func extract(file: URL, displayName: String) throws(ConversionError) -> ExtractedDocument
}

extension DocumentExtractor {
    /// The whole file, for the extractors that read text from memory.
    static func contents(of file: URL, displayName: String) throws(ConversionError) -> Data {
        do {
            return try Data(contentsOf: file)
        } catch {
            throw ConversionError(
                .unreadable, file: displayName, stage: .extract, "cannot read the file: \(error.localizedDescription)")
        }
    }
}
