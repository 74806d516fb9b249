#if canImport(Glibc)
import Glibc
#endif
import Foundation
import FormPipeDaemon
import FormPipeIntake

/// The files named on `convert`'s command line, exactly as the file system spells them.
///
/// Swift decodes each argument as UTF-8 and turns bytes that are not (`\xff\xfe.txt`, written by an
/// old Windows tool) into U+FFFD, a name no file has: the file would be reported as missing though
/// it is there. Such a file is opened by its raw bytes here and handed to the workers as
/// `/proc/PID/fd/N`, a path they can open; its name in messages and the manifest keeps every byte
/// (`a\xFF\xFE.txt`). The descriptors stay open until the process exits.
enum InputArguments {
    static func resolve(_ files: [String]) -> [ParallelBatch.Input] {
        let raw = rawArguments()
        return files.map { file in
            guard file.unicodeScalars.contains("\u{FFFD}"), access(file, F_OK) != 0,
                let bytes = raw.first(where: { String(decoding: $0, as: UTF8.self) == file }),
                String(validating: bytes, as: UTF8.self) == nil
            else { return ParallelBatch.Input(URL(fileURLWithPath: file)) }
            let descriptor = bytes.withUnsafeBufferPointer { buffer in
                (Array(buffer) + [0]).withUnsafeBufferPointer { terminated in
                    terminated.baseAddress!.withMemoryRebound(to: CChar.self, capacity: terminated.count) {
                        open($0, O_RDONLY | O_NONBLOCK)
                    }
                }
            }
            guard descriptor >= 0 else { return ParallelBatch.Input(URL(fileURLWithPath: file)) }
            let lastComponent = bytes.split(separator: UInt8(ascii: "/")).last.map(Array.init) ?? bytes
            let exactPath = FileNameSanitizer.exactName(bytes: bytes)
            let absolute = exactPath.hasPrefix("/") ? exactPath : FileManager.default.currentDirectoryPath + "/" + exactPath
            return ParallelBatch.Input(URL(fileURLWithPath: "/proc/\(getpid())/fd/\(descriptor)"),
                                       name: FileNameSanitizer.exactName(bytes: lastComponent), identity: "path:" + absolute)
        }
    }

    private static func rawArguments() -> [[UInt8]] {
        (1..<Int(CommandLine.argc)).compactMap { index in
            CommandLine.unsafeArgv[index].map { pointer in
                Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
            }
        }
    }
}
