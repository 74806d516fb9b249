#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import FormPipeIntake

/// Gives every input its own output folder, chosen when the input is claimed and never handed to
/// another input, so two files can never replace each other's records.
///
/// Choosing the folder when it is published would race: `s04.html` and `s04.txt` converted at the
/// same moment both find `s04/` free and the second rename replaces the first. Instead the name is
/// *reserved* first, by creating `OUTBOX/.formpipe-names/folders/NAME` with `link(2)` — atomic, and
/// refused with `EEXIST` when another input holds the name — before any conversion starts. The
/// candidates are tried in a fixed order (``OutputName/candidates(for:)``: `s04`, `s04.txt`,
/// `s04.txt.2`, …), so a name depends only on the input's name and on which names are already
/// held.
///
/// An input is recognised again by its *identity* (`convert`: its absolute path; the daemon: its
/// device and inode, which survive every rename from the inbox through `work/` to `archive/`), kept
/// in `.formpipe-names/inputs/HASH`. Converting the same input again — after a `kill -9`, or
/// `convert` run twice on one file — finds its reservation and replaces its own folder, nothing else.
public struct OutputFolderReservations: Sendable {
    public let outputRoot: URL

    public init(outputRoot: URL) {
        self.outputRoot = outputRoot
    }

    public static let folderName = ".formpipe-names"

    /// A held name: the folder, the exact source name (for the manifest) and the token that proves
    /// the name file is this reservation's.
    public struct Claim: Sendable, Codable, Equatable {
        public var folder: String
        public var source: String
        public var token: String
        /// Daemon inputs: size and modification time, so an inode reused by a new file is not
        /// mistaken for the input it once was.
        public var fingerprint: String?
    }

    public enum ReservationError: Error, CustomStringConvertible {
        case cannotWrite(String, Int32)
        case noFreeName(String)

        public var description: String {
            switch self {
            case .cannotWrite(let path, let code): "cannot write \(path): \(String(cString: strerror(code)))"
            case .noFreeName(let source): "no free output folder name for \(source)"
            }
        }
    }

    private var root: URL { outputRoot.appendingPathComponent(Self.folderName, isDirectory: true) }
    private var folders: URL { root.appendingPathComponent("folders", isDirectory: true) }
    private var inputs: URL { root.appendingPathComponent("inputs", isDirectory: true) }

    /// The folder of the input known as `identity`: the one it already holds, else the first free
    /// candidate for `source`, reserved now.
    public func reserve(source: String, identity: String, fingerprint: String? = nil) throws(ReservationError) -> Claim {
        if let held = lookUp(identity: identity, fingerprint: fingerprint) { return held }
        try makeFolders()
        let token = "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        for candidate in OutputName.candidates(for: source) {
            // A folder published before reservations existed belongs to some earlier input.
            if access(outputRoot.appendingPathComponent(candidate).path, F_OK) == 0,
                access(folders.appendingPathComponent(candidate).path, F_OK) != 0
            {
                continue
            }
            let claim = Claim(folder: candidate, source: source, token: token, fingerprint: fingerprint)
            guard try createExclusively(folders.appendingPathComponent(candidate), claim) else { continue }
            try replace(inputs.appendingPathComponent(Self.key(identity)), claim)
            return claim
        }
        throw .noFreeName(source)
    }

    /// The reservation `identity` holds, if its name file still carries the same token.
    public func lookUp(identity: String, fingerprint: String?) -> Claim? {
        guard let claim = read(inputs.appendingPathComponent(Self.key(identity))), claim.fingerprint == fingerprint,
            read(folders.appendingPathComponent(claim.folder))?.token == claim.token
        else { return nil }
        return claim
    }

    /// Gives the name back when no folder was published under it (the input failed, or was a
    /// duplicate); a published folder keeps its name for good.
    public func release(_ claim: Claim, identity: String) {
        guard access(outputRoot.appendingPathComponent(claim.folder).path, F_OK) != 0 else { return }
        forget(identity: identity)
        let nameFile = folders.appendingPathComponent(claim.folder)
        if read(nameFile)?.token == claim.token { unlink(nameFile.path) }
    }

    /// Drops the identity → name entry once the input has left `work/` (the daemon's inodes may be
    /// reused by new files later); the name itself stays held by its folder.
    public func forget(identity: String) {
        unlink(inputs.appendingPathComponent(Self.key(identity)).path)
    }

    /// `convert`'s identity of an input: its absolute path, links resolved.
    public static func identity(ofPath file: URL) -> String {
        "path:" + file.standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The daemon's identity of an input: device and inode, which every rename keeps.
    public static func identity(device: UInt64, inode: UInt64) -> String {
        "inode:\(device):\(inode)"
    }

    static func key(_ identity: String) -> String {
        String(FileChecksum.sha256(Data(identity.utf8)).prefix(32))
    }

    private func makeFolders() throws(ReservationError) {
        for folder in [outputRoot, root, folders, inputs] where mkdir(folder.path, 0o755) != 0 && errno != EEXIST {
            throw .cannotWrite(folder.path, errno)
        }
    }

    private func read(_ url: URL) -> Claim? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONDecoder().decode(Claim.self, from: data)
    }

    /// Writes `claim` to a temporary file and links it to `url`; false when `url` already exists.
    private func createExclusively(_ url: URL, _ claim: Claim) throws(ReservationError) -> Bool {
        let temporary = try writeTemporary(claim)
        defer { unlink(temporary.path) }
        guard link(temporary.path, url.path) == 0 else {
            if errno == EEXIST { return false }
            throw .cannotWrite(url.path, errno)
        }
        return true
    }

    private func replace(_ url: URL, _ claim: Claim) throws(ReservationError) {
        let temporary = try writeTemporary(claim)
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw .cannotWrite(url.path, code)
        }
    }

    private func writeTemporary(_ claim: Claim) throws(ReservationError) -> URL {
        let temporary = root.appendingPathComponent(".tmp-\(claim.token)-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try OutputFolderPublisher.writeDurably(try JSONEncoder().encode(claim), to: temporary)
        } catch {
            unlink(temporary.path)
            throw .cannotWrite(temporary.path, (error as? POSIXError).map { Int32($0.code.rawValue) } ?? EIO)
        }
        return temporary
    }
}
