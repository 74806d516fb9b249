#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether this process was built with AddressSanitizer (`scripts/asan-test.sh`,
/// `scripts/fuzz.sh`).
///
/// Such a process maps terabytes of shadow memory at start and at every thread, so an
/// address-space limit (`RLIMIT_AS`, the workers' `workerMemoryMB`) makes it fail at once with
/// "ERROR: Failed to mmap": under the sanitizer the workers run without that limit, and their
/// `ready` reply says 0 (none).
package enum AddressSanitizer {
    /// The sanitizer's runtime is linked into the executable and exports its entry points.
    package static let isActive: Bool = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil
}
