import CLibFuzzer
import Foundation
import FormPipeFuzzing

// formpipe-fuzz TARGET [libFuzzer options and corpus folders...]
//
// Built by scripts/fuzz.sh with `-sanitize=fuzzer,address -DFUZZING`, it hands the remaining
// arguments to libFuzzer. Built plainly (`swift build`), it replays files through the target
// instead — `formpipe-fuzz TARGET FILE...` — to reproduce a crasher without the sanitizers.

let arguments = CommandLine.arguments
// libFuzzer's -fork and -merge start this executable again with argv[0] and the driver's own
// options only, without the target's name; the target reaches those children through the
// environment.
let targetVariable = "FORMPIPE_FUZZ_TARGET"
let named = arguments.count >= 2 ? FuzzTarget(rawValue: arguments[1]) : nil
let inherited = ProcessInfo.processInfo.environment[targetVariable].flatMap(FuzzTarget.init(rawValue:))
guard let target = named ?? inherited else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    FileHandle.standardError.write(Data("usage: formpipe-fuzz TARGET [libFuzzer options | FILE...]; targets: \(names)\n".utf8))
    exit(2)
}
setenv(targetVariable, target.rawValue, 1)
/// What follows the target's name (or, in a child libFuzzer started, argv[0]).
let options = arguments.dropFirst(named == nil ? 1 : 2)

#if FUZZING
/// The target libFuzzer's C callback runs; set once before the driver starts.
nonisolated(unsafe) var selectedTarget = target
selectedTarget = target

// libFuzzer parses argv[0] as the program and the rest as its own options and corpus folders.
var driverArguments = [arguments[0]] + options
var argc = Int32(driverArguments.count)
var cStrings: [UnsafeMutablePointer<CChar>?] = driverArguments.map { strdup($0) } + [nil]
let status = cStrings.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
        selectedTarget.run(bytes)
        return 0
    }
}
exit(status)
#else
var replayed = 0
for path in options {
    let url = URL(fileURLWithPath: path)
    var isFolder: ObjCBool = false
    let files =
        FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
        ? ((try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? []).sorted { $0.path < $1.path }
        : [url]
    for file in files {
        guard let bytes = FileManager.default.contents(atPath: file.path) else {
            FileHandle.standardError.write(Data("formpipe-fuzz: cannot read \(file.path)\n".utf8))
            exit(1)
        }
        target.run(bytes)
        replayed += 1
    }
}
print("\(target.rawValue): \(replayed) inputs replayed, no crash")
#endif
