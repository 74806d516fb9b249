#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SystemPackage
import FormPipeCore

/// Which processes hold a file open for writing, read from the process table (`/proc/PID/fd/N`
/// links to the file, `/proc/PID/fdinfo/N` flags with `O_WRONLY` or `O_RDWR`).
///
/// A file quiet for `settleSeconds` may still be half-written: a scanner that pauses between pages,
/// an OCR tool that writes its text in chunks. Settling alone would take it after the first chunk.
/// Asking the kernel who has it open for writing closes that gap for every writer on this machine
/// that this process may inspect (all of them as root; as another user, that user's processes). A
/// writer on another machine (a network share) is invisible here: for those, settling and the PDF
/// trailer check remain the protection (docs/daemon.md).
enum OpenFileWriters {
    /// The processes (other than this one) with `path` open for writing; empty when there are none
    /// or the file is gone.
    static func writers(of path: FilePath) -> [pid_t] {
        // Only regular files: a link is never followed (its target, /dev/null say, is open for
        // writing everywhere), and links, FIFOs and devices are refused when claimed anyway.
        guard let info = SystemCalls.linkStatus(path), info.st_mode & S_IFMT == S_IFREG,
            let resolved = resolve(path.string)
        else { return [] }
        return scan { $0 == resolved }[resolved] ?? []
    }

    /// Every file under `folder` open for writing, by resolved path: one pass over the process
    /// table for many files (a pass reads every descriptor's link, ~1,700 on a quiet machine).
    static func writers(under folder: FilePath) -> [String: [pid_t]] {
        guard let prefix = resolve(folder.string).map({ $0.hasSuffix("/") ? $0 : $0 + "/" }) else { return [:] }
        return scan { $0.hasPrefix(prefix) }
    }

    static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func scan(_ wanted: (String) -> Bool) -> [String: [pid_t]] {
        let ownPID = getpid()
        var found: [String: [pid_t]] = [:]
        for process in entries(of: "/proc") {
            guard let pid = pid_t(process), pid != ownPID else { continue }
            let fdFolder = "/proc/\(process)/fd"
            for descriptor in entries(of: fdFolder) {
                guard let target = link(at: "\(fdFolder)/\(descriptor)"), wanted(target),
                    isOpenForWriting(pid: process, descriptor: descriptor), found[target]?.contains(pid) != true
                else { continue }
                found[target, default: []].append(pid)
            }
        }
        return found
    }

    /// Whether the descriptor's access mode (the low bits of `flags:` in fdinfo, octal) allows writing.
    private static func isOpenForWriting(pid: String, descriptor: String) -> Bool {
        guard let info = try? String(contentsOfFile: "/proc/\(pid)/fdinfo/\(descriptor)", encoding: .utf8),
            let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags:") }),
            let flags = Int(line.dropFirst("flags:".count).trimmingCharacters(in: .whitespaces), radix: 8)
        else { return false }
        let mode = Int32(flags) & O_ACCMODE
        return mode == O_WRONLY || mode == O_RDWR
    }

    private static func entries(of folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.first?.isNumber == true { names.append(name) }
        }
        return names
    }

    private static func link(at path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
