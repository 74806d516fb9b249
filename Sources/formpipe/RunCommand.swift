import ArgumentParser

// Placeholder until the daemon lands (issue 3).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run")
    func run() throws { throw ValidationError("not built yet") }
}
