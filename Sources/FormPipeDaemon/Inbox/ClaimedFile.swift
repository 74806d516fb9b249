#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage
import FormPipeEmit

/// An input the daemon owns: renamed out of the inbox into its work session as `NNNNNN-NAME`.
public struct ClaimedFile: Sendable, Hashable {
    /// Where the file is now, inside `work/claims/SESSION/`.
    public var path: FilePath
    /// The sanitized inbox name: what the converter, `archive/` and `failed/` use.
    public var name: String
    /// True when it was found in `work/` at start (left by a stopped or crashed daemon), not claimed
    /// from the inbox by this run.
    public var recovered: Bool

    public init(path: FilePath, name: String, recovered: Bool) {
        self.path = path
        self.name = name
        self.recovered = recovered
    }

    /// The claim file name for the `sequence`-th claim of a session.
    static func fileName(sequence: Int, name: String) -> String {
        let digits = String(sequence)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits + "-" + name
    }

    /// Splits `NNNNNN-NAME` back into its parts; nil for files the daemon did not name.
    static func parse(fileName: String) -> (sequence: Int, name: String)? {
        guard let dash = fileName.firstIndex(of: "-"), let sequence = Int(fileName[..<dash]) else { return nil }
        let name = String(fileName[fileName.index(after: dash)...])
        return name.isEmpty ? nil : (sequence, name)
    }

    /// The file's identity for its output folder reservation: device and inode, kept by every rename.
    static func identity(of info: stat) -> String {
        OutputFolderReservations.identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// Size and modification time: an inode reused by a later file does not inherit the reservation.
    static func fingerprint(of info: stat) -> String {
        "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
