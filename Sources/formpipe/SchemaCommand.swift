import ArgumentParser
import Foundation
import FormPipeEmit

/// Prints the XML Schema of the record, made from the form's definition, so that
/// `schema/formpipe-record.xsd` is regenerated rather than edited.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the XML Schema of the records formpipe writes (made from the form's definition).")

    func run() throws {
        FileHandle.standardOutput.write(Data(RecordSchema.xsd.utf8))
    }
}
