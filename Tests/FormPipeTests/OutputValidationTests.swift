import Foundation
import Testing
@testable import FormPipeEmit
@testable import FormPipePipeline

/// Every XML record formpipe writes for the corpus validates against the shipped XSD, and the
/// JSON and XML of one form say the same thing.
struct OutputValidationTests {
    static let inputs = Fixtures.stems.flatMap { ["\($0).txt", "\($0).html"] } + ["seed/000_64081db4c2035150.txt"]

    @Test(arguments: inputs)
    func everyXMLOutputValidates(input: String) throws {
        let outbox = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outbox) }
        let summary = try Converter().convert(file: Fixtures.corpus.appendingPathComponent(input), into: outbox)
        let validator = try RecordSchemaValidator()
        let folder = URL(fileURLWithPath: summary.outputFolder)
        let xmlFiles = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }
        #expect(xmlFiles.count == summary.forms)
        for name in xmlFiles {
            let issues = validator.validate(try Data(contentsOf: folder.appendingPathComponent(name)))
            #expect(issues.isEmpty, "\(input) \(name): \(issues)")
        }
    }

    @Test func aSecondFileWithTheSameStemGetsItsOwnFolder() throws {
        let outbox = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outbox) }
        let text = try Converter().convert(file: Fixtures.corpus.appendingPathComponent("dev-01.txt"), into: outbox)
        let html = try Converter().convert(file: Fixtures.corpus.appendingPathComponent("dev-01.html"), into: outbox)
        #expect(URL(fileURLWithPath: text.outputFolder).lastPathComponent == "dev-01")
        #expect(URL(fileURLWithPath: html.outputFolder).lastPathComponent == "dev-01.html")
        let again = try Converter().convert(file: Fixtures.corpus.appendingPathComponent("dev-01.txt"), into: outbox)
        #expect(again.outputFolder == text.outputFolder)
    }
}
