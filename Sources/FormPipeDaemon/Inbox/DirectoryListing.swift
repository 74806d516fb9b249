#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// The names in a folder as raw file-system names (`FileManager` decodes them to `String`, which
/// loses names that are not valid UTF-8 — such a file could then never be moved).
enum DirectoryListing {
    /// Every entry except `.` and `..`. The corresponding C functions are `opendir`/`readdir`.
    static func names(in directory: FilePath) throws(Errno) -> [FilePath.Component] {
        guard let stream = directory.withPlatformString({ opendir($0) }) else { throw Errno(rawValue: errno) }
        defer { closedir(stream) }
        var names: [FilePath.Component] = []
        while let entry = readdir(stream) {
            let component = withUnsafePointer(to: entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    FilePath.Component(platformString: $0)
                }
            }
            guard let component, component.kind == .regular else { continue }  // skips "." and ".."
            names.append(component)
        }
        return names
    }
}
