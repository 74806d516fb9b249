import Foundation
@testable import FormPipeExtract
@testable import FormPipeLayout
@testable import FormPipeRecord

/// The OCR-HTML renditions of the DEV corpus and their gold records, from the repository's copy
/// of the corpus (`Fixtures/corpus`), never from the shared folder.
enum HTMLCorpus {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/corpus", isDirectory: true)

    static let stems = (1...8).map { "dev-0\($0)" }

    static func read(_ stem: String) throws -> ExtractedDocument {
        let file = directory.appendingPathComponent("\(stem).html")
        return try OCRHTMLReader().extract(file: file, displayName: file.lastPathComponent)
    }

    /// The gold records of a stem, in the order the forms appear in the file.
    static func gold(_ stem: String) throws -> [[String: Any]] {
        let folder = directory.appendingPathComponent("gold/\(stem)", isDirectory: true)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        }
    }

    /// Every table cell of a document, grouped by form: a form starts at a text line holding
    /// the title, as the record contract says.
    static func cellsByForm(_ document: ExtractedDocument) -> [[TableCell]] {
        var forms: [[TableCell]] = []
        for block in document.blocks {
            switch block {
            case .text(let line) where line.text.contains(FormRecord.formTypeName):
                forms.append([])
            case .row(let row):
                if forms.isEmpty { forms.append([]) }
                forms[forms.count - 1].append(contentsOf: row.cells)
            default:
                continue
            }
        }
        return forms
    }

    static func allCells(_ document: ExtractedDocument) -> [TableCell] {
        document.blocks.flatMap { block -> [TableCell] in
            if case .row(let row) = block { return row.cells }
            return []
        }
    }

    static func tableCount(_ document: ExtractedDocument) -> Int {
        document.blocks.filter { if case .tableBreak = $0 { true } else { false } }.count
    }

    /// Text with every kind of whitespace removed, the way the corpus README states its promise.
    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }
}
