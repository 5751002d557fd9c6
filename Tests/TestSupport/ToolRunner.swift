import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a short-lived program (ssh, ssh-keygen, ssh-keyscan) to its end, without Foundation's
/// `Process`: while a `Daemon` (a `Process`) runs as a child of the test process, Foundation's
/// exit monitoring sits in a blocking `wait4` on the daemon, so a later `Process` that has ended
/// is never seen to end (it stays a zombie and `waitUntilExit` never returns — the SSH daemon
/// tests hung on `ssh` this way). Here the child is spawned with posix_spawn, its output goes to
/// a temporary file, and only its own pid is waited for, up to a deadline after which its
/// process group is killed.
public enum ToolRunner {
    public struct Result: Sendable {
        public let status: Int32
        /// Standard output and error together.
        public let output: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// `environment`: the child's whole environment (the test process's when `nil`).
    public static func run(
        _ executable: String, _ arguments: [String], input: Data? = nil, timeout: Double = 30, environment: [String: String]? = nil
    ) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cryptcheck-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputFile = directory.appendingPathComponent("output").path
        let inputFile = directory.appendingPathComponent("input").path
        try (input ?? Data()).write(to: URL(fileURLWithPath: inputFile))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, input == nil ? "/dev/null" : inputFile, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGCHLD, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure(description: "\(executable): cannot run it: \(String(cString: strerror(spawned)))") }
        defer { kill(-pid, SIGKILL) }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0, errno != EINTR {
                throw Failure(description: "\(executable): lost track of it: \(String(cString: strerror(errno)))")
            }
            if Date() >= deadline {
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
                throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) ran past \(timeout) s: \(output.suffix(800))")
            }
            usleep(10_000)
        }
        let output = (try? Data(contentsOf: URL(fileURLWithPath: outputFile))) ?? Data()
        // WIFEXITED / WEXITSTATUS, which Glibc's Swift overlay does not import.
        let exited = status & 0x7F == 0
        return Result(status: exited ? (status >> 8) & 0xFF : -(status & 0x7F), output: String(decoding: output, as: UTF8.self))
    }
}
