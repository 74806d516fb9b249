import Foundation
import Testing

/// Hostile or damaged HTML that still holds a table but no 自评表: not a failure but a table record
/// (status `unrecognized`, exit status 3, one warning line naming the file), with nothing of the
/// hostile part in it — an external entity is never fetched.
struct TableOnlyInput: Sendable, CustomTestStringConvertible {
    var label: String
    var name: String
    var bytes: @Sendable () -> Data
    /// Text the table record must not hold.
    var mustNotHold: [String] = []
    var testDescription: String { label }

    static let catalogue: [TableOnlyInput] = [
        TableOnlyInput(label: "html external entity", name: "xxe.html", bytes: { Data("""
            <!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><table><tr><td>&x;</td><td>项目</td></tr></table></body></html>
            """.utf8) }, mustNotHold: ["root:", "/bin/"]),
        TableOnlyInput(label: "html huge colspan", name: "colspan.html", bytes: {
            Data("<table><tr><td colspan=100000 rowspan=100000>x</td><td colspan=0 rowspan=-5>y</td></tr></table>".utf8)
        }),
        TableOnlyInput(label: "html invalid UTF-8 no charset", name: "badhtml.html", bytes: {
            Data("<table><tr><td>".utf8) + Data(BadInput.noise(200, seed: 10).map { $0 | 0x80 }) + Data("</td></tr></table>".utf8)
        }),
    ]
}

struct TableOnlyInputTests {
    @Test(arguments: TableOnlyInput.catalogue)
    func convertWritesATableRecordAndWarnsInOneLine(_ input: TableOnlyInput) throws {
        let folder = try Fixtures.temporaryFolder("formpipe-tableonly")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(input.name)
        try input.bytes().write(to: path)
        let outbox = folder.appendingPathComponent("out")
        let result = try ProcessRunner.formpipe(["convert", path.path, "--out", outbox.path], timeout: 60)

        #expect(result.status == 3, "\(result.stderr)")
        let warnings = result.stderr.split(separator: "\n").filter { $0.hasPrefix("formpipe: warning: \(input.name): ") }
        #expect(warnings.count == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("formpipe: error: "), "\(result.stderr)")
        let output = outbox.appendingPathComponent((input.name as NSString).deletingPathExtension)
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("manifest.json"))) as? [String: Any])
        #expect(manifest["status"] as? String == "unrecognized")
        #expect(manifest["source"] as? String == input.name)
        let tables = String(decoding: try Data(contentsOf: output.appendingPathComponent("tables.json")), as: UTF8.self)
        for fragment in input.mustNotHold { #expect(!tables.contains(fragment), "\(fragment) leaked into \(tables)") }
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("form-01.json").path))
    }
}
