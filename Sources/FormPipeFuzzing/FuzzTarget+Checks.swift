import Foundation
import FormPipeCore
import FormPipeExtract
import FormPipeLayout
import FormPipeRecord
import FormPipeRepair
import FormPipePipeline
import FormPipeReview

/// The invariants the fuzz targets check beyond "does not crash".
extension FuzzTarget {
    /// Converts `document` and reads back every record and the repair log it would write: the
    /// writer's output must be JSON the review's parser and record reader accept.
    static func convertAndReadBack(_ document: ExtractedDocument) {
        let converted = DocumentConverter().convert(document)
        for record in converted.forms {
            let text = record.json.pretty()
            let parsed: JSONValue
            do {
                parsed = try JSONValueParser.parse(text)
            } catch {
                fatalError("a record formpipe wrote does not parse: \(error)\n\(text)")
            }
            do {
                _ = try FormRecord(json: parsed)
            } catch {
                fatalError("a record formpipe wrote cannot be read back: \(error)\n\(text)")
            }
        }
        let log = converted.repairLogLines()
        do {
            _ = try RepairLogFile(text: log, name: "repairs.jsonl")
        } catch {
            fatalError("a repair log formpipe wrote cannot be read back: \(error)\n\(log)")
        }
    }

    /// Whatever parses must print and parse again to an equal value.
    static func parseJSON(_ bytes: Data) {
        guard let value = try? JSONValueParser.parse(utf8: Array(bytes)) else { return }
        for printed in [value.compact(), value.pretty()] {
            let again: JSONValue
            do {
                again = try JSONValueParser.parse(printed)
            } catch {
                fatalError("printed JSON does not parse: \(error)\n\(printed)")
            }
            guard again == value else { fatalError("JSON changed on a print/parse round trip:\n\(printed)") }
        }
        _ = try? FormRecord(json: value)
        _ = try? RepairLogFile(text: String(decoding: bytes, as: UTF8.self), name: "repairs.jsonl")
    }

    /// A form header every fuzzed repair input is placed under, so that its rows reach the
    /// record stage's row rules (fill-down, shifted rows, vocabulary snapping) and not only the
    /// "no form found" exit.
    static let repairHeader = "## \(FormRecord.formTypeName)\n( 2023 年度 )\n项目名称\t模糊测试项目\n"

    static func repair(_ text: String) {
        let repairer = CellTextRepairer()
        for kind in [FieldKind.paragraphs, .text, .number] {
            var log = RepairCollector(form: 1)
            _ = repairer.repair(text, kind: kind, at: FieldLocation("fuzz"), log: &log)
        }
        convertAndReadBack(OCRTextReader().read(repairHeader + text))
    }
}
