import Foundation

/// Runs the built `cryptcheck` binary, which sits next to the test bundle.
public enum CLI {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    public static var binary: URL {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        for candidate in [directory, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("cryptcheck")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return directory.appendingPathComponent("cryptcheck")
    }

    /// Runs the binary with `arguments`; `via` prefixes a launcher (e.g. setpriv); `in` sets the
    /// working directory; `input` is read as standard input; `environment` replaces the test's.
    public static func run(
        _ arguments: [String], via launcher: [String] = [], in directory: URL? = nil, input: URL? = nil,
        environment: [String: String]? = nil
    ) throws -> Result {
        let process = Process()
        if let environment { process.environment = environment }
        if let input { process.standardInput = try FileHandle(forReadingFrom: input) }
        if let directory { process.currentDirectoryURL = directory }
        process.executableURL = launcher.isEmpty ? binary : URL(fileURLWithPath: launcher[0])
        process.arguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [binary.path] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs the binary once per argument list, all at once (output discarded), and returns each
    /// run's exit status in the same order.
    public static func runAtOnce(_ argumentLists: [[String]], environment: [String: String]? = nil) throws -> [Int32] {
        let processes = argumentLists.map { arguments in
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            if let environment { process.environment = environment }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        defer { for process in processes where process.isRunning { process.terminate() } }
        for process in processes { try process.run() }
        return processes.map { process in
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    /// A fresh temporary directory, removed by the caller's `defer`.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cryptcheck-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
