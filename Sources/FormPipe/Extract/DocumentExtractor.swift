import Foundation

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
