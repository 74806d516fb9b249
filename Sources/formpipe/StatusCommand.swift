import ArgumentParser

// Placeholder until the daemon lands (issue 3).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status")
    func run() throws { throw ValidationError("not built yet") }
}
