import ArgumentParser

// Placeholder until the daemon lands (issue 3).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker")
    func run() throws { throw ValidationError("not built yet") }
}
