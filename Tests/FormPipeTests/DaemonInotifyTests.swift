import Foundation
import SystemPackage
import Testing
@testable import FormPipeDaemon
@testable import FormPipeIntake

struct DaemonInotifyTests {
    /// Builds what `read(2)` returns: header (wd, mask, cookie, len) + name padded with NULs.
    private func record(watch: Int32 = 1, mask: InotifyMask, cookie: UInt32 = 0, name: String?, padTo: Int = 16) -> [UInt8] {
        var nameBytes = Array((name ?? "").utf8)
        if name != nil {
            nameBytes.append(0)
            while nameBytes.count % padTo != 0 { nameBytes.append(0) }
        }
        var bytes: [UInt8] = []
        withUnsafeBytes(of: watch.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: mask.rawValue.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: cookie.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: UInt32(nameBytes.count).littleEndian) { bytes += $0 }
        return bytes + nameBytes
    }

    @Test func parsesSeveralRecordsWithPaddedNames() {
        let buffer = record(mask: .closeWrite, name: "a.pdf") + record(mask: [.movedTo], cookie: 7, name: "中文 表格.txt")
            + record(mask: .queueOverflow, name: nil) + record(mask: .movedFrom, name: "-x.txt", padTo: 4)
        let events = buffer.withUnsafeBytes { InotifyEvent.parse($0) }
        #expect(events.count == 4)
        #expect(events[0] == InotifyEvent(watch: 1, mask: .closeWrite, name: "a.pdf"))
        #expect(events[1].name?.string == "中文 表格.txt" && events[1].cookie == 7)
        #expect(events[2].name == nil && events[2].mask.contains(.queueOverflow))
        #expect(events[3].name?.string == "-x.txt")
    }

    @Test func aTruncatedBufferStopsTheParse() {
        let whole = record(mask: .create, name: "a.pdf") + record(mask: .create, name: "b.pdf")
        let events = Array(whole.dropLast(5)).withUnsafeBytes { InotifyEvent.parse($0) }
        #expect(events.map(\.name?.string) == ["a.pdf"])
        #expect(Array(whole.prefix(10)).withUnsafeBytes { InotifyEvent.parse($0) }.isEmpty)
    }

    @Test func nonUTF8NamesSurviveAsRawBytes() {
        var buffer = record(mask: .closeWrite, name: "xx.pdf")
        buffer[16] = 0xFF  // the first name byte becomes invalid UTF-8
        let name = buffer.withUnsafeBytes { InotifyEvent.parse($0) }.first?.name
        #expect(name != nil)
        #expect(name.map { FileNameSanitizer.sanitize($0.string) } == "_x.pdf")
    }

    @Test(arguments: [
        (InotifyMask.closeWrite, "a", InboxChange.activity("a")),
        (.movedTo, "a", .activity("a")),
        (.create, "a", .activity("a")),
        (.modify, "a", .activity("a")),
        (.movedFrom, "a", .removed("a")),
        (.delete, "a", .removed("a")),
        (.queueOverflow, nil, .overflow),
        (.deleteSelf, nil, .watchLost),
        (.ignored, nil, .watchLost),
    ] as [(InotifyMask, FilePath.Component?, InboxChange)])
    func eventsMapToInboxChanges(mask: InotifyMask, name: FilePath.Component?, change: InboxChange) {
        #expect(InboxChange(InotifyEvent(watch: 1, mask: mask, name: name)) == change)
    }

    /// The real thing: a watcher on a temporary folder reports a file written and one moved in.
    @Test(.timeLimit(.minutes(1))) func watcherReportsRealEvents() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("formpipe-inotify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let watcher = try InboxWatcher(directory: FilePath(folder.path))
        try Data("x".utf8).write(to: folder.appendingPathComponent("written.txt"))
        let outside = folder.deletingLastPathComponent().appendingPathComponent("formpipe-moved-\(UUID().uuidString).txt")
        try Data("y".utf8).write(to: outside)
        try FileManager.default.moveItem(at: outside, to: folder.appendingPathComponent("moved in.txt"))
        var seen: Set<String> = []
        for await changes in watcher.changes {
            for case .activity(let name) in changes { seen.insert(name.string) }
            if seen.isSuperset(of: ["written.txt", "moved in.txt"]) { break }
        }
        watcher.stop()
        #expect(seen.isSuperset(of: ["written.txt", "moved in.txt"]))
    }
}
