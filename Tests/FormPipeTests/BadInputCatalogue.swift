import Foundation
import Testing

/// The bad inputs of the bad-input suite: each a way to build one file (or non-file) and the exact
/// outcome expected from `formpipe convert` and from the daemon.
struct BadInput: Sendable, CustomTestStringConvertible {
    enum Maker: Sendable {
        case bytes(@Sendable () throws -> Data)
        case fifo
        case directory
        case symlink(to: String)
        /// `head`, then a hole, then `tail`, `size` bytes in all.
        case sparse(head: [UInt8], tail: [UInt8], size: Int)
    }

    /// Short label, also the test argument's name.
    var label: String
    /// The file name, as dropped.
    var name: String
    var maker: Maker
    /// `convert`'s exit status, and a fragment of the one error line (which also names the file).
    var status: Int32
    var line: String
    /// The failure code in the daemon's `failed/NAME.error.json`; nil: the daemon converts it (or
    /// the case is for `convert` only).
    var code: String?
    /// Whether the daemon leg runs this case (FIFOs and links behave differently under `convert`,
    /// which follows what the user named, and the daemon, which never follows links).
    var inDaemon = true

    var testDescription: String { label }

    /// NO-FORM: a file that holds text but no known form. Its outcome changes when such inputs get a
    /// record of their own; every such case is built here.
    static func noForm(_ label: String, _ name: String, _ maker: Maker) -> BadInput {
        BadInput(label: label, name: name, maker: maker, status: 1, line: "no form found", code: "no-form")
    }

    var isNoForm: Bool { code == "no-form" }

    static func text(_ string: String) -> Maker { .bytes { Data(string.utf8) } }
    static func raw(_ bytes: [UInt8]) -> Maker { .bytes { Data(bytes) } }
    static func corpus(_ name: String, transform: @escaping @Sendable (Data) -> Data = { $0 }) -> Maker {
        .bytes { transform(try Data(contentsOf: Fixtures.corpus.appendingPathComponent(name))) }
    }

    /// Deterministic pseudo-random bytes (a linear congruential generator), so every run sees the same file.
    static func noise(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    static func nested(_ depth: Int) -> Maker {
        corpus("dev-02.html") { data in
            let html = String(decoding: data, as: UTF8.self)
            guard let table = html.range(of: "<table") else { return data }
            return Data((html[..<table.lowerBound] + String(repeating: "<div>", count: depth) + html[table.lowerBound...]
                + String(repeating: "</div>", count: depth)).utf8)
        }
    }
}
