import Foundation
import Testing
@testable import FormPipeEmit
@testable import FormPipeIntake

/// Output folder names are reserved per input and never handed to another input.
struct OutputFolderReservationTests {
    @Test(arguments: [
        ("s04.txt", ["s04", "s04.txt", "s04.txt.2", "s04.txt.3"]),
        ("n\n1.txt", ["n_1", "n_1.txt", "n_1.txt.2", "n_1.txt.3"]),
        ("README", ["README", "README.2", "README.3", "README.4"]),
        ("index.html.txt", ["index.html.txt", "index.html.txt.2", "index.html.txt.3", "index.html.txt.4"]),
    ])
    func candidatesComeInAFixedOrder(source: String, expected: [String]) {
        #expect(Array(OutputName.candidates(for: source).prefix(4)) == expected)
    }

    @Test func sameStemAndCleanUpCollidingNamesGetDistinctFolders() throws {
        let outbox = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outbox) }
        let reservations = OutputFolderReservations(outputRoot: outbox)
        let inputs = [("s04.html", "a"), ("s04.txt", "b"), ("s04.pdf", "c"), ("n\n1.txt", "d"), ("n_1.txt", "e"), ("n\r1.txt", "f")]
        let folders = try inputs.map { try reservations.reserve(source: $0.0, identity: $0.1).folder }
        #expect(folders == ["s04", "s04.txt", "s04.pdf", "n_1", "n_1.txt", "n_1.txt.2"])
        // The same input asks again (a restart, a second `convert`): its own name, nothing else.
        #expect(try reservations.reserve(source: "s04.txt", identity: "b").folder == "s04.txt")
        #expect(try reservations.reserve(source: "n_1.txt", identity: "e").source == "n_1.txt")
        #expect(try reservations.reserve(source: "n\n1.txt", identity: "d").source == "n\n1.txt")
    }

    @Test func aNameIsGivenBackOnlyWhileNoFolderWasPublished() throws {
        let outbox = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outbox) }
        let reservations = OutputFolderReservations(outputRoot: outbox)
        let failed = try reservations.reserve(source: "a.txt", identity: "one")
        reservations.release(failed, identity: "one")
        #expect(try reservations.reserve(source: "a.txt", identity: "two").folder == "a")
        try FileManager.default.createDirectory(at: outbox.appendingPathComponent("a"), withIntermediateDirectories: false)
        let published = try reservations.reserve(source: "a.txt", identity: "two")
        reservations.release(published, identity: "two")
        reservations.forget(identity: "two")
        #expect(try reservations.reserve(source: "a.txt", identity: "three").folder == "a.txt")
    }

    @Test func anInodeReusedByANewFileDoesNotInheritTheName() throws {
        let outbox = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outbox) }
        let reservations = OutputFolderReservations(outputRoot: outbox)
        #expect(try reservations.reserve(source: "a.txt", identity: "inode:1:2", fingerprint: "10:1.0").folder == "a")
        #expect(try reservations.reserve(source: "a.txt", identity: "inode:1:2", fingerprint: "11:2.0").folder == "a.txt")
    }

    @Test func aFolderFromBeforeReservationsIsNotTaken() throws {
        let outbox = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outbox) }
        try FileManager.default.createDirectory(at: outbox.appendingPathComponent("form"), withIntermediateDirectories: false)
        #expect(try OutputFolderReservations(outputRoot: outbox).reserve(source: "form.pdf", identity: "x").folder == "form.pdf")
    }

    @Test(arguments: [
        ([UInt8]("plain.txt".utf8), "plain.txt"),
        ([0x61, 0xFF, 0xFE, 0x2E, 0x74, 0x78, 0x74], "a\\xFF\\xFE.txt"),
        ([0xE4, 0xB8, 0xAD, 0x80, 0x2E, 0x74], "中\\x80.t"),
        ([0x6E, 0x0A, 0x31], "n\n1"),
    ])
    func exactNamesKeepEveryByte(bytes: [UInt8], expected: String) {
        #expect(FileNameSanitizer.exactName(bytes: bytes) == expected)
    }
}
