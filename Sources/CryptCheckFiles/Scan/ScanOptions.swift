import Foundation

/// How to walk and read a tree.
package struct ScanOptions: Sendable {
    package var followSymlinks = false
    /// Glob patterns (fnmatch) matched against the full path and the file name.
    package var excludes: [String] = []
    /// Files larger than this are skipped and recorded as not scanned.
    package var maxFileSize = 4 << 20
    package var parse = ParseOptions()
    /// Files read at once; defaults to the number of cores.
    package var concurrency = ProcessInfo.processInfo.activeProcessorCount
    /// The bytes of paths given as text that are not UTF-8, by their (lossily decoded) text:
    /// the command line's arguments as the kernel passed them (`ScanOptions.rawArguments()`).
    package var rawPaths: [String: [UInt8]] = [:]
    /// Asked before each path is visited: true ends the walk there (SIGINT); the files already
    /// queued are still read and emitted. `nil`: the walk always runs to the end.
    package var stop: (@Sendable () -> Bool)?

    package init() {}

    /// The process arguments that are not valid UTF-8, by the text Swift made of them
    /// (`CommandLine.arguments` replaces bad bytes with U+FFFD), so a path argument is walked
    /// and opened as the bytes it was given as.
    package static func rawArguments() -> [String: [UInt8]] {
        var raw: [String: [UInt8]] = [:]
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(
                UnsafeBufferPointer(
                    start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self),
                    count: strlen(argument)))
            if String(validating: bytes, as: UTF8.self) == nil { raw[String(decoding: bytes, as: UTF8.self)] = bytes }
        }
        return raw
    }
}
