import Foundation
import Testing
@testable import FormPipeConfig

/// The `postgres` setting: where the password may come from, and that it never shows.
struct PostgresSettingsTests {
    private func parse(_ postgres: Any) throws -> PipelineConfig {
        let data = try JSONSerialization.data(withJSONObject: ["postgres": postgres])
        return try PipelineConfig.parse(data, file: URL(fileURLWithPath: "/srv/fp/pipeline.json"))
    }

    @Test func aURLStringTakesThePasswordFromPGPASSWORD() throws {
        let settings = try #require(try parse("postgresql://formpipe@db.internal:6543/forms").postgres)
        #expect(settings == PostgresSinkSettings(host: "db.internal", port: 6543, user: "formpipe", database: "forms"))
        #expect(settings.password == .environment("PGPASSWORD"))
        #expect(settings.description == "postgresql://formpipe@db.internal:6543/forms")
    }

    @Test func anObjectNamesAPasswordFileRelativeToTheConfiguration() throws {
        let settings = try #require(try parse(["url": "postgres://fp@127.0.0.1/forms", "passwordFile": "secrets/pg"]).postgres)
        #expect(settings.port == 5432)
        #expect(settings.password == .file(URL(fileURLWithPath: "/srv/fp/secrets/pg")))
        let env = try #require(try parse(["url": "postgres://fp@127.0.0.1/forms", "passwordEnv": "FP_PG"]).postgres)
        #expect(env.password == .environment("FP_PG"))
    }

    @Test(arguments: [
        ("postgresql://fp:hunter2-secret@127.0.0.1/forms", "must not contain a password"),
        ("mysql://fp@127.0.0.1/forms", "must be a URL such as"),
        ("postgresql://127.0.0.1/forms", "must name a user and a database"),
        ("postgresql://fp@127.0.0.1/", "must name a user and a database"),
    ])
    func badURLsAreRefusedWithoutRepeatingThem(url: String, message: String) throws {
        do {
            _ = try parse(url)
            Issue.record("\(url) was accepted")
        } catch {
            let line = try #require(error as? ConfigError).description
            #expect(line.contains("'postgres'"), "\(line)")
            #expect(line.contains(message), "\(line)")
            #expect(!line.contains("hunter2"), "\(line)")
        }
    }

    @Test func nullMeansNoDatabase() throws {
        #expect(try parse(NSNull()).postgres == nil)
    }

    @Test func bothPasswordSourcesOrAnUnknownKeyAreRefused() throws {
        #expect(throws: ConfigError.self) { try parse(["url": "postgres://fp@h/db", "passwordFile": "a", "passwordEnv": "B"]) }
        #expect(throws: ConfigError.self) { try parse(["url": "postgres://fp@h/db", "password": "x"]) }
        #expect(throws: ConfigError.self) { try parse(42) }
    }

    @Test func thePasswordIsReadFromTheFileAtConnectionTime() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pw")
        try Data("s3cret\n".utf8).write(to: file)
        let settings = PostgresSinkSettings(host: "h", user: "u", database: "d", password: .file(file))
        #expect(try settings.readPassword() == "s3cret")
        #expect(!"\(settings)".contains("s3cret"))
        try Data("rotated\n".utf8).write(to: file)
        #expect(try settings.readPassword() == "rotated")
    }
}
