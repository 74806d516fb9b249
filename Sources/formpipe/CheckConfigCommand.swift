import ArgumentParser

// Placeholder until the daemon lands (issue 3).
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check-config")
    func run() throws { throw ValidationError("not built yet") }
}
