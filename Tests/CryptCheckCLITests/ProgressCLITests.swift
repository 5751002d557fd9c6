import Foundation
import Testing

@testable import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A connection handler that holds every connection silent until the test releases it, so a
/// hanging endpoint ends when the test does (the `FakeServer` waits for its handlers).
final class Hold: @unchecked Sendable {
    private let lock = NSLock()
    private var released = false

    func wait() {
        while !lock.withLock({ released }) { usleep(20_000) }
    }

    func release() { lock.withLock { released = true } }
}

/// The CLI started with pipes (or a pseudo-terminal) and read as it runs, so a test can look at
/// what was written before the run ended and send it signals.
final class RunningCLI: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var out: [(time: Double, text: String)] = []
    private var err: [(time: Double, text: String)] = []
    private let readers = DispatchGroup()
    let start = Date()

    /// Standard output and error to pipes.
    init(_ arguments: [String]) throws {
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        read(outPipe.fileHandleForReading.fileDescriptor, stdout: true)
        read(errPipe.fileHandleForReading.fileDescriptor, stdout: false)
    }

    /// Standard output and error both to one pseudo-terminal (120 columns), read as `stdout`.
    init(terminal arguments: [String]) throws {
        // posix_openpt and friends are not in the Glibc module: /dev/ptmx, unlocked and numbered
        // by ioctl (TIOCSPTLCK, TIOCGPTN: the asm-generic numbers of x86-64 and arm64 alike).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            throw CocoaError(.fileReadUnknown)
        }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw CocoaError(.fileReadUnknown) }
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        close(slave)
        read(master, stdout: true, closeWhenDone: true)
    }

    private func read(_ descriptor: Int32, stdout: Bool, closeWhenDone: Bool = false) {
        readers.enter()
        Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }  // end of pipe; EIO on a terminal whose other side closed
                let chunk = (Date().timeIntervalSince(start), String(decoding: buffer[..<count], as: UTF8.self))
                lock.withLock { stdout ? out.append(chunk) : err.append(chunk) }
            }
            if closeWhenDone { close(descriptor) }
            readers.leave()
        }.start()
    }

    var stdout: String { lock.withLock { out.map(\.text).joined() } }
    var stderr: String { lock.withLock { err.map(\.text).joined() } }

    /// Seconds from the start until standard output first held `text` (`nil`: not yet).
    func timeOf(_ text: String) -> Double? {
        lock.withLock {
            var seen = ""
            for chunk in out {
                seen += chunk.text
                if seen.contains(text) { return chunk.time }
            }
            return nil
        }
    }

    /// Waits (at most `timeout` seconds) until `condition` holds of (stdout, stderr).
    func waitFor(timeout: Double, _ condition: (String, String) -> Bool) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if condition(stdout, stderr) { return true }
            usleep(50_000)
        }
        return condition(stdout, stderr)
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the exit (killing the process after `timeout` seconds); the exit status (-1
    /// when a signal ended it) and when.
    func finish(timeout: Double = 60) -> (status: Int32, seconds: Double) {
        let end = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < end { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("the CLI did not end within \(timeout) s")
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        readers.wait()
        return (process.terminationReason == .exit ? process.terminationStatus : -1, seconds)
    }
}

/// Issue 14 item 6: progress on a terminal, results per endpoint as they finish, --quiet and
/// --verbose, and SIGINT.
@Suite("Progress, streaming and interrupts", .serialized)
struct ProgressCLITests {
    static let erase = "\r\u{1B}[K"

    /// A server that closes every connection after reading the hello: a quick endpoint.
    static func quick() throws -> FakeServer { try FakeServer { _, connection in _ = connection.read() } }

    /// A server that reads the hello and then says nothing until `hold` is released.
    static func hanging(_ hold: Hold) throws -> FakeServer {
        try FakeServer { _, connection in
            _ = connection.read()
            hold.wait()
        }
    }

    @Test func onATerminalTheProgressLineShowsTheWaitingEndpointAndIsErasedAndFinishedEndpointsComeFirst() throws {
        let hold = Hold()
        defer { hold.release() }
        let first = try Self.quick(), hanging = try Self.hanging(hold), last = try Self.quick()
        let run = try RunningCLI(terminal: [
            "127.0.0.1:\(first.port)", "127.0.0.1:\(hanging.port)", "127.0.0.1:\(last.port)",
            "--timeout", "3", "--retries", "0", "--color", "never",
        ])
        let result = run.finish()
        hold.release()
        let output = run.stdout
        #expect(result.status == 2, "\(output)")
        // The first endpoint's result was on the terminal well before the hanging one ended
        // (its probes wait out a 3 s timeout): written as it finished, not at the end.
        let firstShown = try #require(run.timeOf("NOT OBSERVED  127.0.0.1:\(first.port)"), "\(output)")
        let hangingShown = try #require(run.timeOf("NOT OBSERVED  127.0.0.1:\(hanging.port)"), "\(output)")
        #expect(hangingShown - firstShown > 2, "first at \(firstShown) s, the hanging one at \(hangingShown) s")
        // In the order given, whatever order they finished in.
        let positions = [first.port, hanging.port, last.port].map { output.range(of: "NOT OBSERVED  127.0.0.1:\($0)")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil } && positions[0]! < positions[1]! && positions[1]! < positions[2]!, "\(output)")
        // The progress line named the endpoint being waited on and what it waited for.
        #expect(output.contains("endpoints done · 127.0.0.1:\(hanging.port): versions"), "\(output)")
        // Each drawing of the line was erased before anything else reached the terminal, and at the end.
        var drawn = 0
        var rest = Substring(output)
        while let line = rest.range(of: "endpoints done") {
            drawn += 1
            let start = output[..<line.lowerBound].range(of: "\r", options: .backwards)
            #expect(start.map { output[$0.lowerBound...].hasPrefix(Self.erase) } == true, "not drawn from the line's start")
            let after = rest[line.upperBound...]
            let erased = after.range(of: Self.erase)
            #expect(erased != nil, "the progress line was left on the terminal")
            if let erased { #expect(!after[..<erased.lowerBound].contains("\n"), "output written after the progress line") }
            rest = after
        }
        #expect(drawn >= 1)
        #expect(output.contains("Overall: INDETERMINATE"))
    }

    @Test func progressIsNeverWrittenToALogUnlessVerbose() throws {
        let server = try Self.quick()
        let plain = try CLI.run(["127.0.0.1:\(server.port)", "--retries", "0"])
        #expect(plain.status == 2)
        #expect(!plain.stderr.contains("endpoints done") && !plain.stderr.contains("\u{1B}"), "\(plain.stderr)")
        let verbose = try CLI.run(["127.0.0.1:\(server.port)", "--retries", "0", "--verbose"])
        #expect(verbose.status == 2)
        #expect(verbose.stderr.contains("127.0.0.1:\(server.port): versions started"), "\(verbose.stderr)")
        #expect(verbose.stderr.contains("127.0.0.1:\(server.port): versions done"), "\(verbose.stderr)")
        #expect(verbose.stderr.contains("127.0.0.1:\(server.port): done (1 of 1"), "\(verbose.stderr)")
        #expect(!verbose.stderr.contains("\u{1B}"), "terminal sequences in a log")
        #expect(verbose.stdout == plain.stdout)
        let both = try CLI.run(["127.0.0.1:\(server.port)", "--quiet", "--verbose"])
        #expect(both.status == 64 && both.stderr.contains("exclude each other"), "\(both.stderr)")
    }

    @Test func quietPrintsTheVerdictLineAndTheErrorsOnly() throws {
        let server = try Self.quick()
        let quiet = try RunningCLI(terminal: ["127.0.0.1:\(server.port)", "--retries", "0", "--quiet", "--color", "never"])
        let result = quiet.finish()
        #expect(result.status == 2)
        let lines = quiet.stdout.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
        #expect(lines.count == 2, "\(quiet.stdout)")
        #expect(lines.first?.hasPrefix("cryptcheck: 127.0.0.1:\(server.port): no TLS handshake") == true, "\(quiet.stdout)")
        #expect(lines.last?.hasPrefix("Overall: INDETERMINATE") == true, "\(quiet.stdout)")
        #expect(!quiet.stdout.contains("endpoints done") && !quiet.stdout.contains("\u{1B}"), "progress with --quiet")
        // A file scan with --quiet: the closing summary, not the header or a file's block.
        let scan = try CLI.run(["scan", LocalServer.fixtures + "/certs", "--quiet"])
        let full = try CLI.run(["scan", LocalServer.fixtures + "/certs"])
        #expect(scan.status == full.status)
        #expect(full.stdout.contains("rsa2048-sha256.pem") && full.stdout.contains("cryptcheck evaluation as of"))
        #expect(!scan.stdout.contains("rsa2048-sha256.pem") && !scan.stdout.contains("cryptcheck evaluation as of"), "\(scan.stdout)")
        #expect(scan.stdout.contains("Summary:") && full.stdout.hasSuffix(scan.stdout), "\(scan.stdout)")
        // JSON is the whole report whatever the verbosity.
        let json = try CLI.run(["127.0.0.1:\(server.port)", "--retries", "0", "--quiet", "--format", "json"])
        #expect(json.status == 2)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil, "\(json.stdout)")
    }

    @Test func theStreamedTextIsTheReportOfTheSavedObservations() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try LocalServer([
            "-cert", LocalServer.fixtures + "/certs/rsa2048-sha256.pem", "-key", LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem",
            "-tls1_2",
        ])
        let saved = directory.appendingPathComponent("observations.json").path
        let scan = try CLI.run(["127.0.0.1:\(server.port)", "--retries", "0", "--save-observations", saved, "--as-of", "2026-12-01"])
        let evaluate = try CLI.run(["evaluate", saved, "--as-of", "2026-12-01"])
        #expect(scan.status == evaluate.status)
        #expect(scan.stdout.contains("Overall:"), "\(scan.stdout)")
        #expect(scan.stdout == evaluate.stdout)
    }

    @Test func sigintWritesWhatFinishedMarksTheRestInterruptedAndExits2() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let hold = Hold()
        defer { hold.release() }
        let first = try Self.quick(), hanging = try Self.hanging(hold), last = try Self.quick()
        let report = directory.appendingPathComponent("report.json").path
        let saved = directory.appendingPathComponent("observations.json").path
        let run = try RunningCLI([
            "127.0.0.1:\(first.port)", "127.0.0.1:\(hanging.port)", "127.0.0.1:\(last.port)", "--timeout", "60",
            "--budget", "120", "--retries", "0", "--format", "json", "-o", report, "--save-observations", saved, "--verbose",
            // All three are 127.0.0.1: room for the quick ones beside the hanging one's probes.
            "--per-host-connections", "32",
        ])
        #expect(run.waitFor(timeout: 20) { _, err in err.contains("127.0.0.1:\(first.port): done") }, "\(run.stderr)")
        usleep(1_500_000)  // the last endpoint closes at once too
        run.signal(SIGINT)
        let result = run.finish()
        #expect(result.status == 2, "\(run.stderr)")
        #expect(result.seconds < 30, "waited for the hanging endpoint")
        #expect(run.stderr.contains("127.0.0.1:\(hanging.port): not scanned: interrupted"), "\(run.stderr)")
        let text = try String(contentsOfFile: report, encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let bySubject = Dictionary(grouping: findings) { $0["subject"] as? String ?? "" }
        for port in [first.port, hanging.port, last.port] {
            let subject = try #require(bySubject["127.0.0.1:\(port)"], "\(port) missing from \(bySubject.keys)")
            #expect(subject.allSatisfy { $0["verdict"] as? String == "indeterminate" })
        }
        #expect(text.contains("interrupted"))
        #expect((json["verdict"] as? [String: Any])?["status"] as? String != "conformant")
        let validator = SchemaValidationTests()
        let valid = try validator.validate("Schemas/cryptcheck-report-2.schema.json", report)
        #expect(valid.status == 0, "\(valid.output)")
        // The saved observations have the finished endpoints, and the interrupted one as not scanned.
        let observations = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: saved))) as? [String: Any])
        let endpoints = (observations["endpoints"] as? [[String: Any]] ?? []).compactMap { $0["port"] as? Int }
        #expect(Set(endpoints) == [first.port, last.port], "\(endpoints)")
        let unscanned = observations["unscanned"] as? [[String: Any]] ?? []
        #expect(unscanned.count == 1 && unscanned.first?["code"] as? String == "scan.interrupted", "\(unscanned)")
    }

    @Test func reportStopsAtSigintWritesWhatFinishedAndMarksTheRestNotScanned() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let hold = Hold()
        defer { hold.release() }
        let first = try Self.quick(), hanging = try Self.hanging(hold)
        let tree = directory.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: LocalServer.fixtures + "/certs/rsa2048-sha256.pem", toPath: tree.path + "/c.pem")
        let report = directory.appendingPathComponent("report.json").path
        let run = try RunningCLI([
            "report", "--tls", "127.0.0.1:\(first.port)", "--tls", "127.0.0.1:\(hanging.port)", "--path", tree.path,
            "--format", "json", "-o", report, "--verbose",
        ])
        #expect(run.waitFor(timeout: 30) { _, err in err.contains("127.0.0.1:\(first.port): done") }, "\(run.stderr)")
        run.signal(SIGINT)
        let result = run.finish()
        #expect(result.status == 2, "\(run.stderr)")
        #expect(result.seconds < 40, "waited for the hanging endpoint")
        #expect(run.stderr.contains("127.0.0.1:\(hanging.port): not scanned: interrupted"), "\(run.stderr)")
        // The files were never read: said so, not passed.
        #expect(run.stderr.contains("\(tree.path): not scanned: interrupted (SIGINT) before the file scan started"), "\(run.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let subjects = Set(findings.compactMap { $0["subject"] as? String })
        #expect(subjects.contains("127.0.0.1:\(first.port)") && subjects.contains("127.0.0.1:\(hanging.port)"), "\(subjects)")
        #expect(subjects.contains(tree.path), "\(subjects)")
        #expect((json["verdict"] as? [String: Any])?["status"] as? String != "conformant")
        let valid = try SchemaValidationTests().validate("Schemas/cryptcheck-report-2.schema.json", report)
        #expect(valid.status == 0, "\(valid.output)")
    }

    /// `report --path` and a `scan` whose format needs every finding at once (CSV, SARIF, CBOM,
    /// HTML) show the same progress line as a streamed scan, and erase it.
    @Test(arguments: [
        ["scan", "--format", "csv", "-o"], ["scan", "--format", "sarif", "-o"], ["report", "--format", "html", "-o"],
    ])
    func collectedScansShowFilesDone(_ command: [String]) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tree = try Self.linkedTree(in: directory, count: 10_000)
        let target = command[0] == "report" ? ["--path", tree.path] : [tree.path]
        let out = directory.appendingPathComponent("out").path
        let run = try RunningCLI(terminal: [command[0]] + target + Array(command.dropFirst()) + [out, "--color", "never"])
        let result = run.finish()
        #expect(result.status == 0 || result.status == 1, "\(run.stdout.suffix(2000))")
        #expect(run.stdout.contains(" files done · " + tree.path + "/c"), "no progress line: \(run.stdout.suffix(2000))")
        #expect(Self.erased(run.stdout), "the progress line was left on the terminal")
        #expect(FileManager.default.fileExists(atPath: out))
    }

    /// Whether every progress line in `output` is erased before anything else is written.
    static func erased(_ output: String) -> Bool {
        var rest = Substring(output)
        while let line = rest.range(of: " files done · ") {
            let after = rest[line.upperBound...]
            guard let erased = after.range(of: erase), !after[..<erased.lowerBound].contains("\n") else { return false }
            rest = after
        }
        return true
    }

    /// A directory `tree` in `directory` holding `count` hard links to one certificate, named by
    /// `name`: a tree that takes the scan a while, made in milliseconds.
    static func linkedTree(in directory: URL, count: Int, name: (Int) -> String = { "c\($0).pem" }) throws -> URL {
        let tree = directory.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        let original = directory.appendingPathComponent("c.pem").path
        try FileManager.default.copyItem(atPath: LocalServer.fixtures + "/certs/rsa2048-sha256.pem", toPath: original)
        for index in 0..<count { #expect(link(original, tree.appendingPathComponent(name(index)).path) == 0) }
        return tree
    }

    /// Waits until `directory` holds a file whose name has `part`.
    static func waitForFile(in directory: URL, containing part: String, timeout: Double = 30) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            if names.contains(where: { $0.contains(part) }) { return true }
            usleep(20_000)
        }
        return false
    }

    @Test func aSecondSigintEndsAtOnceWithoutAPartialFile() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let hold = Hold()
        defer { hold.release() }
        let first = try Self.quick(), hanging = try Self.hanging(hold)
        let report = directory.appendingPathComponent("report.json")
        // A FIFO nobody reads: writing what finished blocks there, so the second SIGINT comes
        // while the run is still writing.
        let fifo = directory.appendingPathComponent("observations.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let run = try RunningCLI([
            "127.0.0.1:\(first.port)", "127.0.0.1:\(hanging.port)", "--timeout", "60", "--budget", "120", "--retries", "0",
            "--format", "json", "-o", report.path, "--save-observations", fifo, "--verbose", "--per-host-connections", "32",
        ])
        #expect(run.waitFor(timeout: 20) { _, err in err.contains("127.0.0.1:\(first.port): done") }, "\(run.stderr)")
        run.signal(SIGINT)
        #expect(run.waitFor(timeout: 20) { _, err in err.contains("\(hanging.port): not scanned: interrupted") }, "\(run.stderr)")
        usleep(300_000)
        run.signal(SIGINT)
        let result = run.finish()
        #expect(result.status == 130, "\(run.stderr)")
        #expect(result.seconds < 30)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["observations.fifo"], "a partial output remains")
    }

    @Test func aSecondSigintRemovesTheOutputBeingWritten() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tree = directory.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: LocalServer.fixtures + "/certs/rsa2048-sha256.pem", toPath: tree.path + "/c.pem")
        let out = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let fifo = out.appendingPathComponent("observations.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // The report's temporary file is open while opening the FIFO blocks.
        let run = try RunningCLI(["scan", tree.path, "--format", "json", "-o", out.path + "/scan.json", "--save-observations", fifo])
        #expect(Self.waitForFile(in: out, containing: ".scan.json.cryptcheck-"), "no temporary file: \(run.stderr)")
        run.signal(SIGINT)
        #expect(run.waitFor(timeout: 20) { _, err in err.contains("interrupted: writing what finished") }, "\(run.stderr)")
        run.signal(SIGINT)
        let result = run.finish()
        #expect(result.status == 130, "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["observations.fifo"], "a partial output remains")
    }

    @Test func aFileScanShowsFilesDoneAndTheCurrentPathEscapedAndErasesTheLine() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Every name carries a terminal title sequence: whichever path the line shows, it must be escaped.
        let tree = try Self.linkedTree(in: directory, count: 3_000) { "c\($0)\u{1B}]0;pwned\u{07}.pem" }
        let run = try RunningCLI(terminal: ["scan", tree.path, "--color", "never"])
        let result = run.finish()
        #expect(result.status == 0 || result.status == 1, "\(run.stdout.suffix(2000))")
        let output = run.stdout
        #expect(output.contains(" files done · " + tree.path + "/c"), "no progress line")
        #expect(output.contains("\\x1B]0;pwned\\x07.pem"), "the path was not shown escaped")
        #expect(!output.contains("\u{1B}]0;"), "a control sequence from a file name reached the terminal")
        var rest = Substring(output)
        while let line = rest.range(of: " files done · ") {
            let after = rest[line.upperBound...]
            let erased = after.range(of: Self.erase)
            #expect(erased != nil, "the progress line was left on the terminal")
            if let erased { #expect(!after[..<erased.lowerBound].contains("\n"), "output written after the progress line") }
            rest = after
        }
    }

    @Test func sigintStopsAFileScanAndMarksTheRestNotScanned() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // 4,000 links to one certificate: more than the scan reads before the signal lands.
        let tree = try Self.linkedTree(in: directory, count: 4_000)
        let output = directory.appendingPathComponent("scan.json").path
        let run = try RunningCLI(["scan", tree.path, "--format", "json", "-o", output, "--verbose"])
        #expect(run.waitFor(timeout: 20) { _, err in err.contains("cryptcheck: scanning ") }, "\(run.stderr)")
        run.signal(SIGINT)
        let result = run.finish()
        #expect(result.status == 2, "\(run.stderr)")
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("\"scan.interrupted\""), "\(text.suffix(3000))")
        let valid = try SchemaValidationTests().validate("Schemas/cryptcheck-scan-2.schema.json", output)
        #expect(valid.status == 0, "\(valid.output)")
        #expect(run.stderr.contains("not scanned: interrupted"), "\(run.stderr)")
    }
}
