import Foundation
import Testing

/// `scripts/install-service.sh` staged into a folder (`--root`), and the unit it installs checked
/// by systemd's own verifier.
@Suite(.timeLimit(.minutes(2)))
struct ServiceUnitTests {
    @Test func stagedInstallHasANotifyUnitSystemdAcceptsAndAValidConfiguration() throws {
        let stage = FileManager.default.temporaryDirectory.appendingPathComponent("formpipe-install-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: stage) }
        let script = FormPipeBinary.packageRoot.appendingPathComponent("scripts/install-service.sh").path
        let install = FormPipeBinary.run(script, ["--root", stage.path, "--binary", FormPipeBinary.url.path])
        try #require(install.status == 0, "\(install.output)\(install.errorOutput)")

        let binary = stage.appendingPathComponent("usr/local/bin/formpipe")
        #expect(FileManager.default.isExecutableFile(atPath: binary.path))
        let unitFile = stage.appendingPathComponent("etc/systemd/system/formpipe.service")
        let unit = try String(contentsOf: unitFile, encoding: .utf8)
        for line in [
            "Type=notify", "NotifyAccess=main", "ExecStart=/usr/local/bin/formpipe run --config /etc/formpipe/pipeline.json",
            "User=formpipe", "WatchdogSec=60s", "Restart=on-failure", "KillMode=mixed", "ReadWritePaths=/var/lib/formpipe",
        ] {
            #expect(unit.split(separator: "\n").contains(Substring(line)), "the unit has no \(line)")
        }
        #expect(!unit.contains("@"), "a placeholder was left in the unit")
        for folder in ["inbox", "outbox", "archive", "failed", "work"] {
            var isFolder: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: stage.appendingPathComponent("var/lib/formpipe/\(folder)").path, isDirectory: &isFolder) && isFolder.boolValue)
        }

        // The configuration the script wrote names the data folders and passes check-config.
        let config = stage.appendingPathComponent("etc/formpipe/pipeline.json")
        let check = FormPipeBinary.run(FormPipeBinary.url.path, ["check-config", "--config", config.path])
        #expect(check.status == 0, "\(check.output)\(check.errorOutput)")
        #expect(check.output.contains("/var/lib/formpipe/inbox"))

        // systemd-analyze checks that ExecStart exists: point it at the staged binary.
        let verified = stage.appendingPathComponent("formpipe.service")
        try unit.replacingOccurrences(of: "/usr/local/bin/formpipe", with: binary.path).write(to: verified, atomically: true, encoding: .utf8)
        let verify = FormPipeBinary.run("/usr/bin/env", ["systemd-analyze", "verify", verified.path])
        #expect(verify.status == 0, "\(verify.errorOutput)")
        #expect(verify.errorOutput.isEmpty, "systemd-analyze verify warns:\n\(verify.errorOutput)")
    }
}
