import Foundation
import Testing

@testable import FormPipeCore
@testable import FormPipeExtract

/// Files the PDF extractor must refuse with an error a user can act on, never a crash.
struct PDFExtractorErrorTests {
    /// A fresh temporary file with `bytes`, removed when the test ends.
    private func withTemporaryFile(
        named name: String, bytes: [UInt8], _ body: (URL) throws -> Void
    ) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("formpipe-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        try body(file)
    }

    private func extractionError(_ file: URL) -> ConversionError? {
        do {
            _ = try PDFExtractor().extract(file: file, displayName: file.lastPathComponent)
            return nil
        } catch {
            return error
        }
    }

    @Test func emptyFileIsEmpty() throws {
        try withTemporaryFile(named: "empty.pdf", bytes: []) { file in
            let error = try #require(extractionError(file))
            #expect(error.code == .empty)
            #expect(error.file == "empty.pdf")
            #expect(error.stage == .extract)
        }
    }

    @Test func truncatedPDFIsDamaged() throws {
        let whole = try Data(contentsOf: PDFCorpus.url("dev-01.pdf"))
        try withTemporaryFile(named: "cut.pdf", bytes: Array(whole.prefix(2048))) { file in
            let error = try #require(extractionError(file))
            #expect(error.code == .damaged)
            #expect(error.reason.hasPrefix("damaged PDF"))
            #expect(error.reason.contains("drop it again"))
        }
    }

    @Test func pngNamedPDFSaysWhatItIs() throws {
        // A complete 1×1 grey PNG: signature, IHDR, IDAT, IEND.
        let png: [UInt8] = [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
            0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
            0x08, 0x00, 0x00, 0x00, 0x00, 0x3A, 0x7E, 0x9B, 0x55,
            0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02,
            0x00, 0x01, 0xE5, 0x27, 0xDE, 0xFC,
            0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
        ]
        try withTemporaryFile(named: "scan.pdf", bytes: png) { file in
            let error = try #require(extractionError(file))
            #expect(error.code == .notSupported)
            #expect(error.reason.contains("PNG image"))
        }
    }

    @Test func randomBytesAreDamaged() throws {
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try withTemporaryFile(named: "noise.pdf", bytes: Array("%PDF-1.7\n".utf8) + noise) { file in
            let error = try #require(extractionError(file))
            #expect(error.code == .damaged)
        }
    }

    @Test func encryptedPDFAsksForThePasswordToBeRemoved() throws {
        let file = PDFCorpus.badFolder.appendingPathComponent("encrypted.pdf")
        let error = try #require(extractionError(file))
        #expect(error.code == .encrypted)
        #expect(error.reason == "encrypted PDF: remove the password and drop it again")
        #expect(error.description == "encrypted.pdf: encrypted PDF: remove the password and drop it again")
    }

    @Test func missingFileIsUnreadable() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "formpipe-missing-\(UUID().uuidString).pdf")
        let error = try #require(extractionError(file))
        #expect(error.code == .unreadable)
    }
}
