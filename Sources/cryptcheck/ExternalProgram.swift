import CryptCheckModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Another program the tool runs (headless Chromium to print a PDF, pdftotext to read one):
/// found on PATH, run in a process group of its own with standard input from /dev/null and its
/// output in files, and bounded by a deadline after which the whole group is killed, children
/// and all. The group is killed when the program ends, too, so nothing it started lives on.
struct ExternalProgram {
    /// Why a run failed, for people: what, and what to do.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        /// Whether the program was stopped at its deadline.
        var timedOut = false
        /// Whether it was stopped because this process was interrupted (SIGINT, SIGTERM).
        var interrupted = false
    }

    /// How a run ended.
    struct Outcome {
        /// The exit status, or `nil` when the program was killed by a signal.
        let status: Int32?
        let signal: Int32?
        /// Its standard error, at most the last 64 KiB.
        let standardError: String
        var succeeded: Bool { status == 0 }
    }

    let path: String

    /// `name` found in the directories of PATH; `nil` when none holds an executable file of it.
    static func find(_ name: String) -> ExternalProgram? {
        if name.contains("/") { return access(name, X_OK) == 0 ? ExternalProgram(path: name) : nil }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for directory in directories where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            var status = stat()
            if stat(candidate, &status) == 0, status.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return ExternalProgram(path: candidate)
            }
        }
        return nil
    }

    /// Runs the program with `arguments` and `environment` changes (nil removes a variable),
    /// its standard output to `standardOutput` (a file path; /dev/null when nil), its standard
    /// error to a file in `scratch`; kills its process group after `timeout` seconds.
    func run(
        _ arguments: [String], environment changes: [String: String?] = [:], standardOutput: String? = nil,
        scratch: String, timeout: Double
    ) throws -> Outcome {
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in changes { environment[key] = value }
        let errorFile = PathText.join(scratch, "stderr-\(UInt32.random(in: 0...UInt32.max)).txt")
        defer { unlink(errorFile) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, standardOutput ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A process group of its own (its id is the child's pid), so the deadline kills every
        // process it started; signals back to their defaults.
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGCHLD, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw Failure(description: "\(path): cannot run it: \(String(cString: strerror(spawned)))")
        }
        // Whatever happens from here, the group goes.
        defer { kill(-pid, SIGKILL) }
        // The group does not get the terminal's Ctrl-C: caught here while it runs, it stops the
        // program, and the caller cleans up before the command ends.
        let interruption = Interruption()
        defer { interruption.stop() }

        let deadline = Date().addingTimeInterval(timeout)
        var waitStatus: Int32 = 0
        var timedOut = false
        while true {
            let result = waitpid(pid, &waitStatus, WNOHANG)
            if result == pid { break }
            if result < 0, errno != EINTR {
                throw Failure(description: "\(path): lost track of the process: \(String(cString: strerror(errno)))")
            }
            if interruption.happened {
                kill(-pid, SIGKILL)
                while waitpid(pid, &waitStatus, 0) < 0 && errno == EINTR {}
                throw Failure(description: "interrupted while \(path) was running; it was stopped", interrupted: true)
            }
            if Date() >= deadline {
                timedOut = true
                kill(-pid, SIGKILL)
                while waitpid(pid, &waitStatus, 0) < 0 && errno == EINTR {}
                break
            }
            usleep(20_000)
        }
        let standardError = Self.tail(of: errorFile, limit: 64 * 1024)
        if timedOut {
            throw Failure(
                description: "\(path) did not finish within \(Self.seconds(timeout)) s and was stopped"
                    + (Self.summary(standardError).map { ": \($0)" } ?? ""), timedOut: true)
        }
        let exited = waitStatus & 0x7F == 0
        return Outcome(
            status: exited ? (waitStatus >> 8) & 0xFF : nil, signal: exited ? nil : waitStatus & 0x7F, standardError: standardError)
    }

    /// The last `limit` bytes of a file, as text.
    static func tail(of path: String, limit: Int) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > UInt64(limit) ? size - UInt64(limit) : 0)
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }

    /// The last few lines of a program's standard error that say something, one line, for an
    /// error message; Chromium's routine complaints (D-Bus, GPU, sandbox warnings) left out.
    static func summary(_ standardError: String) -> String? {
        let noise = ["dbus", "D-Bus", "vaapi", "gpu", "GPU", "sandbox", "Fontconfig", "bytes written to file"]
        let lines = standardError.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { line in !line.isEmpty && !noise.contains { line.contains($0) } }
        guard !lines.isEmpty else { return nil }
        return lines.suffix(3).map { $0.count > 300 ? String($0.prefix(300)) + "…" : $0 }.joined(separator: " / ")
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// SIGINT and SIGTERM caught while an external program runs (its own process group does not get
/// them from the terminal): `happened` says one came. `stop` puts the previous handling back.
final class Interruption: @unchecked Sendable {  // `flag` is guarded by `lock`; the sources are only touched in init and stop.
    private let lock = NSLock()
    private var flag = false
    private var sources: [any DispatchSourceSignal] = []
    private var previous: [(Int32, sigaction)] = []
    private static let signals = [SIGINT, SIGTERM]

    init() {
        for number in Self.signals {
            var ignore = sigaction()
            ignore.__sigaction_handler.sa_handler = SIG_IGN
            var old = sigaction()
            sigaction(number, &ignore, &old)
            previous.append((number, old))
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock()
                self.flag = true
                self.lock.unlock()
            }
            source.resume()
            sources.append(source)
        }
    }

    var happened: Bool {
        lock.lock()
        defer { lock.unlock() }
        return flag
    }

    func stop() {
        for source in sources { source.cancel() }
        sources.removeAll()
        for (number, old) in previous {
            var action = old
            sigaction(number, &action, nil)
        }
        previous.removeAll()
    }
}
