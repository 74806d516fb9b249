import Foundation
@testable import FormPipeCore

/// Runs a short command to completion with `posix_spawn` and a blocking `waitpid` on its pid.
///
/// Foundation's `Process.waitUntilExit` was seen to hang here forever with the child already a
/// zombie when the child (scripts/test-postgres.sh) starts a server through `su` and `pg_ctl`:
/// its exit notification was lost. A blocking `waitpid` on one pid cannot miss it. Output goes to
/// temporary files rather than pipes, so a daemon the command leaves running cannot hold them open.
enum BlockingCommand {
    struct Result {
        var status: Int32
        var output: String
        var errorOutput: String
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("formpipe-cmd-\(UUID().uuidString.prefix(8))")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else {
            return Result(status: -1, output: "", errorOutput: "cannot create \(folder.path)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let outPath = folder.appendingPathComponent("out").path
        let errPath = folder.appendingPathComponent("err").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        _ = SystemCalls.closeDescriptors(from: 3, in: &actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            return Result(status: -1, output: "", errorOutput: "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var waited = waitpid(pid, &status, 0)
        while waited == -1, errno == EINTR { waited = waitpid(pid, &status, 0) }
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        let output = read(outPath), errorOutput = read(errPath)
        guard waited == pid else {
            // ECHILD: another reaper in this test process (Foundation's, for its own `Process`
            // children, when many run at once) took the status first. The commands run here
            // (the server script, psql with ON_ERROR_STOP) say every failure on stderr.
            return Result(status: errorOutput.isEmpty ? 0 : 1, output: output, errorOutput: errorOutput)
        }
        // WIFEXITED/WEXITSTATUS are macros Swift does not import.
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: exitCode, output: output, errorOutput: errorOutput)
    }
}
