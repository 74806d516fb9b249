import Foundation
import Testing
@testable import FormPipeEmit

/// The record schema and its validator: the embedded copy, documents that must fail with a
/// line-numbered message, hostile documents, and concurrent use.
struct XMLSchemaValidatorTests {
    static let schemaFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schema/formpipe-record.xsd")

    @Test func embeddedSchemaIsTheSchemaFileByteForByte() throws {
        let file = try Data(contentsOf: Self.schemaFile)
        #expect(Data(RecordSchema.xsd.utf8) == file, "run `formpipe schema > schema/formpipe-record.xsd` after changing the form definition")
    }

    private var validXML: String {
        get throws { String(decoding: try RecordXMLWriter.xml(for: XMLTestRecords.full), as: UTF8.self) }
    }

    /// The 1-based number of the first line containing `fragment`.
    private func line(of fragment: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(fragment) }.map { $0 + 1 }
    }

    struct Tampering: CustomTestStringConvertible, Sendable {
        var name: String
        var change: @Sendable (String) -> String
        /// The line the error must be reported on is the first line holding this text.
        var lineOf: String
        var messageContains: String
        var testDescription: String { name }
    }

    static let tamperings: [Tampering] = [
        Tampering(
            name: "missing required element",
            change: { $0.replacingOccurrences(of: "  <projectName label=\"项目名称\">京蒙&lt;东西部&gt;协作 &amp; 绩效评价</projectName>\n", with: "") },
            lineOf: "<department", messageContains: "projectName"),
        Tampering(
            name: "a non-number in a number",
            change: { $0.replacingOccurrences(of: ">1</initialBudget>", with: ">一百</initialBudget>") },
            lineOf: "一百", messageContains: "xs:decimal"),
        Tampering(
            name: "a percent sign left in a rate",
            change: { $0.replacingOccurrences(of: ">2</executionRate>", with: ">100%</executionRate>") },
            lineOf: "100%", messageContains: "xs:decimal"),
        Tampering(
            name: "a year that is not an integer",
            change: { $0.replacingOccurrences(of: ">2022</year>", with: ">2022年</year>") },
            lineOf: "2022年", messageContains: "xs:integer"),
        Tampering(
            name: "three funds rows",
            change: { $0.replacingOccurrences(of: "<row>\n      <item>其他资金</item>", with: "<extra>\n      <item>其他资金</item>")
                .replacingOccurrences(of: "<score label=\"得分\">4</score>\n    </row>", with: "<score label=\"得分\">4</score>\n    </extra>") },
            lineOf: "<extra>", messageContains: "extra"),
        Tampering(
            name: "a funds row without its item",
            change: { $0.replacingOccurrences(of: "<item>上年结转资金</item>\n", with: "") },
            lineOf: "<initialBudget label=\"年初预算数\">3<", messageContains: "item"),
        Tampering(
            name: "elements out of contract order",
            change: { $0.replacingOccurrences(of: "<year label=\"年度\">2022</year>", with: "<yearX/>") },
            lineOf: "<yearX/>", messageContains: "yearX"),
        Tampering(
            name: "not well-formed",
            change: { $0.replacingOccurrences(of: "</department>", with: "</departmen>") },
            lineOf: "</departmen>", messageContains: "mismatch"),
    ]

    @Test(arguments: tamperings)
    func tamperedDocumentsFailWithALineNumber(_ tampering: Tampering) throws {
        let original = try validXML
        let tampered = tampering.change(original)
        try #require(tampered != original, "the tampering did not apply")
        let expectedLine = try #require(line(of: tampering.lineOf, in: tampered))
        let issues = try RecordSchemaValidator().validate(Data(tampered.utf8))
        #expect(!issues.isEmpty)
        #expect(
            issues.contains { $0.line == expectedLine && $0.message.contains(tampering.messageContains) },
            "expected line \(expectedLine) mentioning \(tampering.messageContains), got \(issues)")
        #expect(issues.allSatisfy { $0.line > 0 && !$0.message.hasSuffix("\n") })
    }

    @Test func issuesReadAsLineAndMessage() {
        let issue = RecordSchemaValidator.Issue(line: 12, message: "Element 'year': 'x' is not a valid value")
        #expect(issue.description == "line 12: Element 'year': 'x' is not a valid value")
    }

    @Test func garbageIsNeverValid() throws {
        let validator = try RecordSchemaValidator()
        for input in ["", "not xml", "<record/>", "<?xml version=\"1.0\"?>", "\u{FEFF}<record>"] {
            #expect(!validator.validate(Data(input.utf8)).isEmpty, "\(input.debugDescription) passed")
        }
    }

    /// An external entity in a record must not be loaded: its text would end up in a message.
    @Test func externalEntitiesAreNotLoaded() throws {
        let secretFile = FileManager.default.temporaryDirectory.appendingPathComponent("formpipe-secret-\(UUID().uuidString).txt")
        let secret = "FORMPIPE-SECRET-\(UUID().uuidString)"
        try secret.write(to: secretFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secretFile) }

        let valid = try validXML
        let body = valid.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: "")
        for target in [secretFile.absoluteString, secretFile.path] {
            let hostile = "<?xml version=\"1.0\"?>\n<!DOCTYPE record [<!ENTITY xxe SYSTEM \"\(target)\">]>\n"
                + body.replacingOccurrences(of: ">1</initialBudget>", with: ">&xxe;</initialBudget>")
            let issues = try RecordSchemaValidator().validate(Data(hostile.utf8))
            #expect(!issues.isEmpty)
            #expect(!issues.contains { $0.message.contains(secret) }, "the validator read \(target)")
        }
    }

    @Test func entityExpansionBombsAreRejected() throws {
        var entities = "<!ENTITY a0 \"lol\">"
        for level in 1...12 {
            entities += "<!ENTITY a\(level) \"" + String(repeating: "&a\(level - 1);", count: 10) + "\">"
        }
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE record [\(entities)]><record><formType>&a12;</formType></record>"
        #expect(!(try RecordSchemaValidator().validate(Data(bomb.utf8))).isEmpty)
    }

    /// Several threads validating at once each get their own issues, never another's.
    @Test func concurrentValidationKeepsIssuesApart() async throws {
        let validator = try RecordSchemaValidator()
        let valid = Data(try validXML.utf8)
        let invalid = Data(try validXML.replacingOccurrences(of: ">2022</year>", with: ">二〇二二</year>").utf8)
        let results = await withTaskGroup(of: (Bool, [RecordSchemaValidator.Issue]).self) { group in
            for index in 0..<64 {
                let isValid = index % 2 == 0
                group.addTask { (isValid, validator.validate(isValid ? valid : invalid)) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for (isValid, issues) in results {
            if isValid {
                #expect(issues.isEmpty)
            } else {
                #expect(issues.count == 1 && issues[0].message.contains("二〇二二"), "\(issues)")
            }
        }
    }

    @Test func aBrokenSchemaIsReported() {
        #expect(throws: RecordSchemaValidator.SchemaError.self) {
            _ = try RecordSchemaValidator(xsd: "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"a\" type=\"nope\"/></xs:schema>")
        }
        #expect(throws: RecordSchemaValidator.SchemaError.self) { _ = try RecordSchemaValidator(xsd: "not a schema") }
    }
}
