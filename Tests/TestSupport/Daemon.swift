import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real daemon (PostgreSQL, slapd, Dovecot, Postfix) started by a test in the foreground with
/// a configuration the test wrote, on 127.0.0.1 and a port it chose; stopped when released
/// (SIGTERM, then SIGKILL after five seconds), also when the test fails.
public final class Daemon {
    public let port: Int
    private let process = Process()
    /// The daemon's process ID.
    public var processID: Int32 { process.processIdentifier }
    /// What the daemon wrote on standard output and error, for a test's failure message.
    public let log: URL

    /// The user the tests run daemons as when the daemon refuses root (`make setup` creates it).
    public static let user = "cryptcheck-daemon"

    /// Starts `executable` with `arguments` (as `user` through setpriv when given) and waits
    /// until something takes connections on `port`.
    public init(_ executable: String, _ arguments: [String], port: Int, user: String? = nil, log: URL) throws {
        self.port = port
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = Self.command(executable, arguments, user: user)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try process.run()
        for _ in 0..<200 {
            if LocalServer.accepts(port: port) { return }
            guard process.isRunning else { throw DaemonError(description: "\(executable) exited: \(logText)") }
            usleep(50_000)
        }
        stop()
        throw DaemonError(description: "\(executable) did not listen on 127.0.0.1:\(port) within 10 s: \(logText)")
    }

    deinit { stop() }

    /// The log so far (at most 4 KiB of its end).
    public var logText: String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return String(text.suffix(4096))
    }

    private func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<100 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The arguments of `/usr/bin/env` that run `executable` with `arguments` (as `user` through
    /// setpriv when given) with every signal unblocked and at its default action. A process
    /// started with Foundation's `Process` inherits the signal mask of the thread that started
    /// it, and the test runner's threads may block SIGCHLD, SIGTERM and others: a daemon that
    /// forks a child per connection and counts them down on SIGCHLD (vsftpd) then never sees
    /// one end and turns every connection away with "421 There are too many connections from
    /// your internet address" once its per-address count is reached. `env --default-signal`
    /// resets the dispositions and unblocks the signals (coreutils 8.31 and later), then execs,
    /// so the process ID is the daemon's.
    public static func command(_ executable: String, _ arguments: [String], user: String?) -> [String] {
        let run =
            if let user {
                ["/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--init-groups", "--", executable] + arguments
            } else {
                [executable] + arguments
            }
        return ["--default-signal", "--"] + run
    }

    /// Runs a preparation command (initdb, postfix check) to its end; throws with its output when it fails.
    public static func prepare(_ executable: String, _ arguments: [String], user: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = Self.command(executable, arguments, user: user)
        let pipe = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DaemonError(
                description:
                    "\(executable) \(arguments.joined(separator: " ")): exit \(process.terminationStatus): \(String(decoding: output, as: UTF8.self))"
            )
        }
    }
}

/// A daemon that could not be started, with what it said.
public struct DaemonError: Error, CustomStringConvertible {
    public let description: String
}

/// A daemon that must not be a child of the test process (Postfix's master: while it runs as
/// one, the test's own child processes are never seen to end), started by `setsid --fork` and
/// stopped through the process ID it writes to `pidFile` (SIGTERM, then SIGKILL after five
/// seconds), also when the test fails.
public final class DetachedDaemon {
    public let port: Int
    private let pidFile: URL

    /// Runs `executable` with `arguments` in a session of its own, output to `log`, and waits
    /// until something takes connections on `port` and `pidFile` names a process.
    public init(_ executable: String, _ arguments: [String], port: Int, pidFile: URL, log: URL) throws {
        self.port = port
        self.pidFile = pidFile
        let quoted = ([executable] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        try Daemon.prepare(
            "/bin/sh", ["-c", "exec /usr/bin/setsid --fork \(quoted.joined(separator: " ")) </dev/null >>'\(log.path)' 2>&1"])
        for _ in 0..<200 {
            if LocalServer.accepts(port: port), processID != nil { return }
            usleep(50_000)
        }
        stop()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw DaemonError(description: "\(executable) did not listen on 127.0.0.1:\(port) within 10 s: \(text.suffix(4096))")
    }

    deinit { stop() }

    /// The daemon's process ID from its pid file.
    private var processID: pid_t? {
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8) else { return nil }
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func stop() {
        guard let pid = processID, pid > 1 else { return }
        kill(pid, SIGTERM)
        for _ in 0..<100 where Self.alive(pid) { usleep(50_000) }
        if Self.alive(pid) { kill(pid, SIGKILL) }
    }

    /// Whether `pid` is a process that has not ended (a zombie counts as ended).
    private static func alive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let status = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return !status.contains(") Z ")
    }
}
