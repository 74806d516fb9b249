import ArgumentParser
import Foundation
import FormPipeConfig
import FormPipeSinks

/// `formpipe export`: an outbox as one workbook (or CSV files) for people who work in a spreadsheet.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an outbox as one spreadsheet: forms, indicators, repairs and findings.",
        discussion: """
            formpipe export --xlsx forms.xlsx            the outbox of pipeline.json
            formpipe export /srv/fp/outbox --csv csv/    forms.csv, indicators.csv, repairs.csv, findings.csv

            One row per form (header fields, the four funds rows flattened, totals, counts of repairs \
            and findings), per indicator, per repair and per finding; column headers as the form \
            prints them; numbers as numbers; each row links to its review page. \
            Exit status: 0 written, 1 nothing to export or a folder could not be read, 2 usage error.
            """)

    @Argument(help: "The outbox (default: the outbox in pipeline.json, else ./outbox).")
    var outbox: String?

    @Option(name: .long, help: "Write one .xlsx workbook to this file.")
    var xlsx: String?

    @Option(name: .long, help: "Write one CSV file per sheet into this folder.")
    var csv: String?

    @Option(name: .long, help: "The configuration file whose outbox is the default.")
    var config: String = PipelineConfig.defaultFileName

    func validate() throws {
        guard xlsx != nil || csv != nil else { throw ValidationError("say where to write: --xlsx FILE and/or --csv DIR") }
    }

    func run() throws {
        let folder = try outbox.map { URL(fileURLWithPath: $0) }
            ?? loadConfigurationIfPresent(config)?.outbox ?? URL(fileURLWithPath: "outbox")
        let sheet = OutboxSpreadsheet.read(outbox: folder.standardizedFileURL)
        for problem in sheet.problems { printError("error: \(problem)") }
        guard !sheet.forms.rows.isEmpty || !sheet.problems.isEmpty else {
            printError("error: no converted documents in \(folder.path): convert files first, or name the outbox")
            throw ExitCode(1)
        }
        if let xlsx {
            do {
                try XLSXWorkbookWriter().write(sheet.tables, to: URL(fileURLWithPath: xlsx))
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        }
        if let csv {
            do {
                try CSVTableWriter().write(sheet.tables, into: URL(fileURLWithPath: csv))
            } catch {
                printError("error: cannot write \(csv): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
        print("exported \(sheet.forms.rows.count) forms, \(sheet.indicators.rows.count) indicators, "
              + "\(sheet.repairs.rows.count) repairs, \(sheet.findings.rows.count) findings")
        if !sheet.problems.isEmpty { throw ExitCode(1) }
    }
}
