import Foundation
import FormPipeCore
import FormPipeRecord
import FormPipeEmit
import FormPipeIntake

extension Converter {
    /// `tables.json` and `tables.xml` (as `outputFormats` asks) when the document has tables no
    /// form took; nothing otherwise.
    func tableFiles(for record: TableRecord, source: SourceFile) throws(ConversionError) -> [(String, Data)] {
        guard !record.isEmpty else { return [] }
        var files: [(String, Data)] = []
        if options.formats.contains(.json) {
            files.append((OutputFileName.tables, Data(record.json(source: source.displayName).pretty().utf8)))
        }
        if options.formats.contains(.xml) {
            do {
                files.append((OutputFileName.tablesXML, try TableRecordXMLWriter.xml(for: record, source: source.displayName)))
            } catch {
                throw ConversionError(.outputFailed, file: source.displayName, stage: .emit, "\(error)", transient: true)
            }
        }
        return files
    }
}
