import CryptCheckModel
import Foundation
import TestSupport
import Testing

/// An endpoint that completes no handshake is never conformant: whatever it does instead, the
/// overall verdict is indeterminate (判定不能), the exit status 2, and one line says why.
@Suite("Endpoints that complete no handshake", .serialized)
struct NoHandshakeCLITests {
    static let files = LocalServer.fixtures

    /// Scans `target` as JSON and text; checks verdict, exit status, the one finding and the one
    /// line. `shown`: how the text names the endpoint, when not the target without `https://`.
    static func expectIndeterminate(
        _ name: String, _ target: String, extra: [String] = [], words: String, shown: String? = nil
    ) throws {
        let arguments = [target, "--timeout", "0.5", "--retries", "0"] + extra
        let json = try CLI.run(arguments + ["--format", "json"])
        #expect(json.status == 2, "\(name): exit \(json.status) \(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(name)")
        let verdict = try #require(report["verdict"] as? [String: Any])
        #expect(verdict["status"] as? String == "indeterminate", "\(name): \(verdict)")
        let findings = report["findings"] as? [[String: Any]] ?? []
        #expect(findings.count == 1 && findings.first?["component"] as? String == "endpoint", "\(name): \(findings.count) findings")
        #expect((findings.first?["message"] as? String)?.contains(words) == true, "\(name): \(findings.first?["message"] ?? "")")
        let lines = json.stderr.split(separator: "\n").filter { $0.contains("no TLS handshake") }
        #expect(lines.count == 1 && json.stderr.split(separator: "\n").count == 1, "\(name): \(json.stderr)")
        let text = try CLI.run(arguments + ["--color", "never"])
        #expect(text.status == 2, "\(name)")
        #expect(
            text.stdout.contains(
                "NOT OBSERVED  \(shown ?? String(target.replacingOccurrences(of: "https://", with: "").split(separator: "/").first ?? "")): no TLS handshake"
            ),
            "\(name): \(text.stdout)")
        #expect(text.stdout.contains("Overall: INDETERMINATE") && !text.stdout.contains("Overall: CONFORMANT"), "\(name)")
        #expect(!text.stdout.unicodeScalars.contains { $0.value == 0x1B }, "\(name): a control byte reached the terminal")
    }

    @Test func scriptedServersThatNeverSpeakTLS() throws {
        let closes = try FakeServer { _, connection in _ = connection.read() }
        let http = try FakeServer { _, connection in
            _ = connection.read()
            connection.write(Array("HTTP/1.1 400 Bad Request\r\n\u{1B}]0;pwned\u{07}\r\n".utf8))
        }
        let cut = try FakeServer { _, connection in
            _ = connection.read()
            connection.write([0x16, 0x03, 0x03, 0x00, 0x40, 0x02, 0x00])
        }
        let alert = try FakeServer { _, connection in
            _ = connection.read()
            connection.write([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46])
        }
        let silent = try FakeServer { _, connection in
            _ = connection.read()
            connection.stall(1.2)
        }
        let trickle = try FakeServer.trickling()
        let flood = try FakeServer.flooding()
        try Self.expectIndeterminate("trickle", "127.0.0.1:\(trickle.port)", words: "timed out")
        try Self.expectIndeterminate("flood", "127.0.0.1:\(flood.port)", words: "more than")
        try Self.expectIndeterminate("closes", "127.0.0.1:\(closes.port)", words: "closed")
        try Self.expectIndeterminate("http", "127.0.0.1:\(http.port)", words: "plaintext HTTP")
        try Self.expectIndeterminate("cut off", "127.0.0.1:\(cut.port)", words: "without a ServerHello")
        try Self.expectIndeterminate("alert", "127.0.0.1:\(alert.port)", words: "protocol_version")
        try Self.expectIndeterminate("silent", "127.0.0.1:\(silent.port)", words: "nothing within")
        try Self.expectIndeterminate("unreachable", "127.0.0.1:\(try LocalServer.freePort())", words: "cannot connect")
        try Self.expectIndeterminate("wrong family", "127.0.0.1:\(closes.port)", extra: ["-6"], words: "IPv6 only")
        try Self.expectIndeterminate("URL", "https://127.0.0.1:\(closes.port)/some/path?x=1", words: "closed")
    }

    /// nginx with `ssl_reject_handshake on` in its default server refuses every hello that
    /// names no known server; a plain-HTTP listener answers a hello with an HTTP error.
    @Test func nginxRejectingHandshakesAndPlainHTTP() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = try LocalServer.freePort()
        let server = try LocalServer.nginx(in: directory) { port in
            """
                server {
                    listen 127.0.0.1:\(port) ssl default_server;
                    ssl_reject_handshake on;
                }
                server {
                    listen 127.0.0.1:\(port) ssl;
                    server_name www.example.test;
                    ssl_certificate \(Self.files)/certs/rsa2048-sha256.pem;
                    ssl_certificate_key \(Self.files)/keys/rsa2048-pkcs1.pem;
                    ssl_protocols TLSv1.2 TLSv1.3;
                    location / { return 204; }
                }
                server {
                    listen 127.0.0.1:\(plain);
                    location / { return 204; }
                }
            """
        }
        try Self.expectIndeterminate("nginx reject", "127.0.0.1:\(server.port)", words: "unrecognized_name")
        let hinted = try CLI.run(["127.0.0.1:\(server.port)", "--retries", "0"])
        #expect(hinted.stdout.contains("no server name (SNI) was sent"), "\(hinted.stdout)")
        try Self.expectIndeterminate("nginx plain HTTP", "127.0.0.1:\(plain)", words: "plaintext HTTP")
        // Named, the same server completes handshakes: observed, judged, not indeterminate as a whole.
        let named = try CLI.run(["127.0.0.1:\(server.port)", "--sni", "www.example.test", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(named.stdout.utf8)) as? [String: Any])
        #expect((report["verdict"] as? [String: Any])?["status"] as? String == "not-conformant", "\(named.stderr)")
        #expect(named.status == 1)
    }

    @Test func theReportOfAnEndpointWithoutHandshakeIsIndeterminateNotConformant() throws {
        let closes = try FakeServer { _, connection in _ = connection.read() }
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for lang in ["ja", "en"] {
            let out = directory.appendingPathComponent("report-\(lang).html").path
            let result = try CLI.run(["report", "--tls", "127.0.0.1:\(closes.port)", "--lang", lang, "-o", out])
            #expect(result.status == 2, "\(result.stderr)")
            let html = try String(contentsOfFile: out, encoding: .utf8)
            #expect(html.contains(#"class="status indeterminate""#))
            #expect(html.contains(lang == "ja" ? "判定不能" : "Indeterminate"))
            #expect(!html.contains(#"class="status conformant""#))
            #expect(html.contains(lang == "ja" ? "TLS ハンドシェイクが成立しなかった" : "no TLS handshake completed"))
        }
        // A definite violation elsewhere still makes the exit status 1 and the verdict not conformant.
        let good = try LocalServer([
            "-cert", Self.files + "/certs/rsa2048-sha256.pem", "-key", Self.files + "/keys/rsa2048-pkcs1.pem", "-tls1_2",
        ])
        let both = try CLI.run(["127.0.0.1:\(closes.port)", "127.0.0.1:\(good.port)", "--retries", "0", "--format", "json"])
        #expect(both.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(both.stdout.utf8)) as? [String: Any])
        #expect((report["verdict"] as? [String: Any])?["status"] as? String == "not-conformant")
    }

    @Test func badTargetsAreUsageErrorsNamingTheTarget() throws {
        let typo = try CLI.run(["scna", "files"])
        #expect(typo.status == 64 && typo.stderr.contains("did you mean scan?"), "\(typo.stderr)")
        for (arguments, words) in [
            (["evalute", "x.json"], "did you mean evaluate?"), (["http://127.0.0.1:1/"], "plaintext"),
            (["127.0.0.1:99999"], "port"), (["telnet://127.0.0.1:23"], "STARTTLS"),
            (["127.0.0.1:1", "--sni", "127.0.0.1"], "not a host name"),
            (["report", "--tls", "bad host"], "--tls"),
        ] {
            let result = try CLI.run(arguments)
            #expect(result.status == 64 && result.stderr.contains(words), "\(arguments): \(result.stderr)")
        }
    }
}
