import Foundation
import FormPipeCore
import FormPipeRecord
import FormPipeEmit

/// The files of a reviewed document folder, written anew as one set: the records with every
/// decision applied (JSON, and XML where the converter wrote XML), the repair log with the
/// reviewer's lines, `review.json`, `review.html`, the scan crops, and the untouched rest (debug files).
extension ReviewDocument {
    /// `outbox` is only named in the commands the page suggests.
    public func outputFiles(outbox: String?) throws(ReviewError) -> [(String, Data)] {
        var files: [(String, Data)] = []
        for (index, record) in records.enumerated() {
            let stem = FormFileName.stem(form: index + 1)
            files.append(("\(stem).json", Data(record.json.pretty().utf8)))
            if hasXML {
                files.append(("\(stem).xml", try ReviewedRecordXML.data(for: record, file: "\(name)/\(stem).xml")))
            }
        }
        files.append((OutputFileName.repairLog, Data(logWithDecisions().text.utf8)))
        if !crops.isEmpty {
            files.append((ScanCrops.fileName, Data(crops.json.compact().utf8)))
        }
        if !ledger.decisions.isEmpty {
            files.append((ReviewLedger.fileName, Data(ledger.json.pretty().utf8)))
        }
        files.append((Self.pageFileName, Data(ReviewPageHTML(document: self, outbox: outbox).render().utf8)))
        let topLevel = files.map(\.0) + [OutputFileName.manifest]
        files.append((OutputFileName.manifest, Data(manifest(listing: topLevel).pretty().utf8)))
        for (path, data) in otherFiles.sorted(by: { $0.key < $1.key }) where path != OutputFileName.manifest {
            files.append((path, data))
        }
        return files
    }

    /// The page alone, for refreshing it in place.
    public func pageHTML(outbox: String?) -> String {
        ReviewPageHTML(document: self, outbox: outbox).render()
    }

    /// The manifest with its `outputs` naming the files the folder now has.
    private func manifest(listing outputs: [String]) -> JSONValue {
        guard case .object(var members) = manifest else { return manifest }
        let listed = JSONValue.array(outputs.map { .string($0) })
        if let index = members.firstIndex(where: { $0.0 == "outputs" }) {
            members[index].1 = listed
        } else {
            members.append(("outputs", listed))
        }
        return .object(members)
    }
}

/// The XML of a corrected record, by the converter's own writer, so a corrected record's XML is
/// the same document the converter would have written for those values.
enum ReviewedRecordXML {
    static func data(for record: FormRecord, file: String) throws(ReviewError) -> Data {
        do {
            return try RecordXMLWriter.xml(for: record)
        } catch {
            throw ReviewError(.writeFailed, "cannot write \(file): \(error)")
        }
    }
}
