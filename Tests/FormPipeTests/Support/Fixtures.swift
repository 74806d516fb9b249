import Foundation

/// Paths of the test fixtures and of the built `formpipe` binary.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let corpus = root.appendingPathComponent("corpus")
    static let gold = corpus.appendingPathComponent("gold")
    static let seed = corpus.appendingPathComponent("seed/000_64081db4c2035150.txt")

    static let stems = (1...8).map { String(format: "dev-%02d", $0) }

    /// The printed-variants corpus (var-01…12, five renditions each) and its gold.
    static let variants = root.appendingPathComponent("variants")
    static let variantStems = (1...12).map { String(format: "var-%02d", $0) }

    /// Gold records of a corpus stem (`dev-01`, `seed`, or `var-03` in `variants/gold`), by
    /// 1-based form number.
    static func goldRecords(_ stem: String, in goldFolder: URL = gold) throws -> [Int: Any] {
        let folder = goldFolder.appendingPathComponent(stem)
        var records: [Int: Any] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".json") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            records[Int(name.prefix(2))!] = try JSONSerialization.jsonObject(with: data)
        }
        return records
    }

    /// A fresh temporary folder, removed by the caller's `defer`.
    static func temporaryFolder(_ label: String = "formpipe-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The `formpipe` executable next to the test bundle (`swift build` puts both in one folder).
    static var formpipeBinary: URL {
        let testExecutable = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var folder = testExecutable.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("formpipe")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/formpipe")
    }
}
