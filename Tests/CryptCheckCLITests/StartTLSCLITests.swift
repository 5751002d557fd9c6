import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `cryptcheck tls` with STARTTLS (a scheme, `--starttls`, a well-known port) and with targets
/// from a file or standard input.
@Suite("STARTTLS and targets files on the command line", .serialized)
struct StartTLSCLITests {
    static let files = LocalServer.fixtures

    static func tlsServer() throws -> LocalServer {
        try LocalServer(["-cert", files + "/certs/rsa2048-sha256.pem", "-key", files + "/keys/rsa2048-pkcs1.pem", "-tls1_2"])
    }

    static func json(_ result: CLI.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    static func evidence(_ report: [String: Any]) -> [[String: Any]] {
        (report["evidence"] as? [String: Any])?["endpoints"] as? [[String: Any]] ?? []
    }

    /// The accepted versions and suites an endpoint's evidence lists.
    static func accepted(_ endpoint: [String: Any]) -> String {
        let versions = (endpoint["versions"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "yes" }.compactMap {
            $0["version"] as? String
        }
        let suites = (endpoint["suites"] as? [[String: Any]] ?? []).map {
            ($0["suites"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        }
        return "\(versions) \(suites)"
    }

    @Test func aSchemeOrStartTLSOptionScansThroughThePreambleAndNamesTheProtocol() throws {
        let tls = try Self.tlsServer()
        let plain = try CLI.run(["127.0.0.1:\(tls.port)", "--format", "json"])
        let expected = try #require(Self.evidence(try Self.json(plain)).first)
        #expect(Self.accepted(expected).contains("TLSv1.2"))
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, arguments) in [
            ("smtp", ["smtp://127.0.0.1:PORT"]), ("pop3", ["127.0.0.1:PORT", "--starttls", "pop3"]),
            ("postgres", ["postgresql://127.0.0.1:PORT"]),
        ] {
            let tlsServer = try Self.tlsServer()
            let server = try StartTLSServer(name, tlsPort: tlsServer.port)
            let report = directory.appendingPathComponent("\(name).json").path
            let result = try CLI.run(
                arguments.map { $0.replacingOccurrences(of: "PORT", with: "\(server.port)") } + ["--format", "json", "-o", report])
            #expect(result.status == plain.status, "\(name): \(result.stderr)")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
            let endpoint = try #require(Self.evidence(document).first)
            #expect(endpoint["endpoint"] as? String == "\(name)://127.0.0.1:\(server.port)")
            #expect(endpoint["starttls"] as? String == name)
            #expect(Self.accepted(endpoint) == Self.accepted(expected), "\(name)")
            #expect(try SchemaValidationTests().validate("Schemas/cryptcheck-report-2.schema.json", report).status == 0)
        }
    }

    @Test func everyRefusalIsIndeterminateExitTwoAndNamed() throws {
        for name in StartTLSServer.protocols {
            let server = try StartTLSServer(name, tlsPort: nil)
            let target = "\(name)://127.0.0.1:\(server.port)"
            try NoHandshakeCLITests.expectIndeterminate(name, target, words: "STARTTLS upgrade failed", shown: target)
        }
        // The code and the reason are in the JSON report, which validates.
        let server = try StartTLSServer("smtp", tlsPort: nil)
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("report.json").path
        let result = try CLI.run(["127.0.0.1:\(server.port)", "--starttls", "smtp", "--format", "json", "-o", report])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "smtp://127.0.0.1:\(server.port): no TLS handshake: STARTTLS upgrade failed: SMTP server does not offer STARTTLS"))
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains("\"errorCode\" : \"starttls.refused\"") || text.contains("\"errorCode\":\"starttls.refused\""), "\(text)")
        #expect(text.contains("\"kind\" : \"starttls\"") || text.contains("\"kind\":\"starttls\""))
        #expect(try SchemaValidationTests().validate("Schemas/cryptcheck-report-2.schema.json", report).status == 0)
    }

    @Test func hostileGreetingsReachTheTerminalEscaped() throws {
        let server = try FakeServer { _, connection in
            connection.write(Array("220 \u{1B}]0;pwned\u{07} \u{1B}[2J hi\r\n".utf8))
            _ = connection.read()
            connection.write(Array("502 \u{1B}[31mno EHLO\u{9B}\r\n".utf8))
        }
        let target = "smtp://127.0.0.1:\(server.port)"
        try NoHandshakeCLITests.expectIndeterminate("escapes", target, words: "SMTP server refused EHLO", shown: target)
        let result = try CLI.run(["smtp://127.0.0.1:\(server.port)", "--retries", "0"])
        #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 }, "\(result.stderr)")
        #expect(result.stderr.contains("\\x1B[31mno EHLO"), "\(result.stderr)")
    }

    @Test func startTLSNoneAndUnknownProtocols() throws {
        let tls = try Self.tlsServer()
        // --starttls none scans TLS from the first byte even where a scheme names a protocol.
        let forced = try CLI.run(["smtp://127.0.0.1:\(tls.port)", "--starttls", "none", "--format", "json"])
        let endpoint = try #require(Self.evidence(try Self.json(forced)).first)
        #expect(endpoint["endpoint"] as? String == "127.0.0.1:\(tls.port)" && endpoint["starttls"] == nil)
        #expect(Self.accepted(endpoint).contains("TLSv1.2"))
        let unknown = try CLI.run(["127.0.0.1:1", "--starttls", "gopher"])
        #expect(unknown.status == 64 && unknown.stderr.contains("--starttls 'gopher' is not a protocol"))
    }

    @Test func reportTakesStartTLSAndATargetsFileAsTLSDoes() throws {
        let tls = try Self.tlsServer()
        let smtp = try StartTLSServer("smtp", tlsPort: tls.port)
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let list = directory.appendingPathComponent("targets.txt")
        try "# the relay\n127.0.0.1:\(smtp.port)\nbad host!:25\n".write(to: list, atomically: true, encoding: .utf8)
        let report = directory.appendingPathComponent("report.json").path
        let result = try CLI.run(["report", "-f", list.path, "--starttls", "smtp", "--format", "json", "-o", report])
        #expect(result.stderr.contains("\(list.path):3: not a target"), "\(result.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        // The bad line is not scanned: indeterminate. s_server's default TLS 1.2 suites include
        // RSA key transport (on the Monitored list only): a definite violation in the same run,
        // so the exit status is 1, not 2; without it, the bad line alone would make it 2.
        let byVerdict = (document["summary"] as? [String: Any])?["byVerdict"] as? [String: Int] ?? [:]
        #expect((byVerdict["violation"] ?? 0) > 0 && (byVerdict["indeterminate"] ?? 0) > 0, "\(byVerdict)")
        #expect((document["unscanned"] as? [Any])?.count == 1, "\(String(describing: document["unscanned"]))")
        #expect(result.status == 1, "\(result.stderr)")
        // tls -f judges the same file the same way.
        let tlsRun = try CLI.run(["-f", list.path, "--starttls", "smtp", "--format", "json"])
        #expect(tlsRun.status == result.status, "\(tlsRun.stderr)")
        #expect(tlsRun.stderr.contains("\(list.path):3: not a target"), "\(tlsRun.stderr)")
        // A file whose only target cannot be scanned: indeterminate, exit 2, from both.
        let bad = directory.appendingPathComponent("bad.txt")
        try "bad host!:25\n".write(to: bad, atomically: true, encoding: .utf8)
        let reportBad = try CLI.run(["report", "-f", bad.path, "--starttls", "smtp", "--format", "json"])
        let tlsBad = try CLI.run(["-f", bad.path, "--starttls", "smtp", "--format", "json"])
        #expect(reportBad.status == 2 && tlsBad.status == 2, "\(reportBad.stderr) \(tlsBad.stderr)")
        let endpoint = try #require(Self.evidence(document).first)
        #expect(endpoint["endpoint"] as? String == "smtp://127.0.0.1:\(smtp.port)" && endpoint["starttls"] as? String == "smtp")
        #expect(Self.accepted(endpoint).contains("TLSv1.2"), "\(Self.accepted(endpoint))")
        #expect(String(describing: document).contains("\(list.path):3"))
        // Without a target to scan, --starttls is a usage error; an unknown protocol too.
        let alone = try CLI.run(["report", "saved.json", "--starttls", "smtp", "--format", "json"])
        #expect(alone.status == 64 && alone.stderr.contains("--starttls goes with --tls or -f"), "\(alone.stderr)")
        let unknown = try CLI.run(["report", "--tls", "127.0.0.1:1", "--starttls", "gopher", "--format", "json"])
        #expect(unknown.status == 64 && unknown.stderr.contains("--starttls 'gopher' is not a protocol"), "\(unknown.stderr)")
    }

    @Test func targetsFromAFileWithCommentsABadLineAndStandardInput() throws {
        let tls = try Self.tlsServer()
        let refusing = try StartTLSServer("imap", tlsPort: nil)
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let list = directory.appendingPathComponent("targets.txt")
        try """
        # endpoints of the audit

        127.0.0.1:\(tls.port)
        bad host!:443
          imap://127.0.0.1:\(refusing.port)  
        """.write(to: list, atomically: true, encoding: .utf8)
        for source in ["file", "stdin"] {
            let result =
                source == "file"
                ? try CLI.run(["-f", list.path, "--format", "json", "--retries", "0"])
                : try CLI.run(["--targets-file", "-", "--format", "json", "--retries", "0"], input: list)
            let name = source == "file" ? list.path : "standard input"
            // The self-signed s_server's violations make it 1; the bad line alone would make it 2.
            #expect(result.status == 1, "\(source): \(result.stderr)")
            #expect(result.stderr.contains("\(name):4: not a target: 'bad host!:443'"), "\(source): \(result.stderr)")
            let report = try Self.json(result)
            let endpoints = Self.evidence(report).compactMap { $0["endpoint"] as? String }
            #expect(endpoints == ["127.0.0.1:\(tls.port)", "imap://127.0.0.1:\(refusing.port)"], "\(source)")
            let findings = report["findings"] as? [[String: Any]] ?? []
            #expect(
                findings.contains { ($0["subject"] as? String) == "\(name):4" && $0["errorCode"] as? String == "target.syntax" },
                "\(source)")
        }
        // Without a violation, the bad line makes the run incomplete: exit 2.
        let incomplete = directory.appendingPathComponent("incomplete.txt")
        try "# only a refusal and a typo\nimap://127.0.0.1:\(refusing.port)\n127.0.0.1:99999\n".write(
            to: incomplete, atomically: true, encoding: .utf8)
        let two = try CLI.run(["-f", incomplete.path, "--retries", "0"])
        #expect(two.status == 2 && two.stderr.contains("incomplete.txt:3: not a target: '127.0.0.1:99999'"), "\(two.stderr)")
        #expect(two.stdout.contains("Overall: INDETERMINATE"))
        // A file that cannot be read is a usage error naming it.
        let missing = try CLI.run(["-f", directory.appendingPathComponent("missing.txt").path])
        #expect(missing.status == 64 && missing.stderr.contains("missing.txt: cannot read the targets file"))
    }

    @Test func anAddressInBracesIsConnectedToWhileTheNameIsSentAsSNI() throws {
        let hello = ReceivedHello()
        let server = try FakeServer { _, connection in
            hello.record(connection.read())
        }
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let list = directory.appendingPathComponent("targets.txt")
        try "sni-name.example.test:\(server.port){127.0.0.1}\n".write(to: list, atomically: true, encoding: .utf8)
        let result = try CLI.run(["-f", list.path, "--format", "json", "--retries", "0", "--timeout", "0.5"])
        #expect(result.status == 2)
        let endpoint = try #require(Self.evidence(try Self.json(result)).first)
        #expect(endpoint["endpoint"] as? String == "sni-name.example.test:\(server.port)")
        #expect(endpoint["address"] as? String == "127.0.0.1" && endpoint["serverName"] as? String == "sni-name.example.test")
        #expect(hello.containsName("sni-name.example.test"), "the ClientHello carried the name as SNI")
    }
}

/// The ClientHellos a fake server received.
final class ReceivedHello: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var hellos: [[UInt8]] = []
    func record(_ bytes: [UInt8]) { lock.withLock { hellos.append(bytes) } }
    func containsName(_ name: String) -> Bool {
        let needle = Array(name.utf8)
        return lock.withLock {
            hellos.contains { hello in
                hello.count >= needle.count
                    && (0...(hello.count - needle.count)).contains { hello[$0..<$0 + needle.count].elementsEqual(needle) }
            }
        }
    }
}
