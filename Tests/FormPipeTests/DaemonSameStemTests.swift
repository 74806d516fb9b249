import Foundation
import Testing

/// Same-stem files and names the clean-up maps to one folder, found together by the daemon: one
/// folder each, the same folders on every run, each manifest naming its exact input.
@Suite(.serialized)
struct DaemonSameStemTests {
    private static let inputs: [(name: String, data: @Sendable () throws -> Data)] = [
        ("s4.txt", { CorpusInputs.text(3) }),
        ("s4.html", { try Data(contentsOf: FormPipeBinary.corpus.appendingPathComponent("dev-04.html")) }),
        ("s4.pdf", { try CorpusInputs.pdf(4) }),
        ("n_1.txt", { CorpusInputs.text(1) }),
        ("n\n1.txt", { CorpusInputs.text(2) }),
    ]

    /// Found by the start-up rescan, the names are claimed in name order ("\n" sorts before "_").
    private static let expected = [
        "s4.html": "s4", "s4.pdf": "s4.pdf", "s4.txt": "s4.txt",
        "n\n1.txt": "n_1", "n_1.txt": "n_1.txt",
    ]

    @Test(arguments: 1...2)
    func filesFoundTogetherGetTheSameDistinctFoldersOnEveryRun(run: Int) async throws {
        let sandbox = try DaemonSandbox(["workers": 2])
        for input in Self.inputs { try sandbox.drop(input.name, try input.data()) }
        let daemon = try sandbox.start()
        try await sandbox.waitUntil("all five are archived") { sandbox.archived.count == Self.inputs.count }
        daemon.kill(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        var folders: [String: String] = [:]
        for folder in sandbox.names(in: sandbox.outbox).subtracting(["index.html"]) {
            let manifest = sandbox.outbox.appendingPathComponent(folder).appendingPathComponent("manifest.json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any])
            folders[try #require(object["source"] as? String)] = folder
        }
        #expect(folders == Self.expected)
    }
}
