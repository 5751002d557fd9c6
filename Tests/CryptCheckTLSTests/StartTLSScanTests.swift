import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// Every STARTTLS protocol through a scripted server that speaks its preamble and then hands the
/// connection to `openssl s_server`: the scan must see exactly what a plain scan of that
/// s_server sees. The same server refusing the upgrade, or misbehaving during the preamble,
/// gives the endpoint outcome `starttls`, bounded in time and bytes, with the server's words escaped.
@Suite("STARTTLS preambles", .serialized)
struct StartTLSScanTests {
    static let cert = LocalServer.fixtures + "/certs/rsa2048-sha256.pem"
    static let key = LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem"

    static func scanner(_ port: Int, _ starttls: StartTLSProtocol?, timeout: Duration = .seconds(5)) -> TLSScanner {
        var scanner = TLSScanner(host: "127.0.0.1", port: port, serverName: "localhost", timeout: timeout, retries: 0)
        scanner.starttls = starttls
        return scanner
    }

    /// What a comparison of two scans looks at: versions, suites per version, groups, schemes,
    /// and each chain's certificates by fingerprint.
    struct Seen: Equatable, CustomStringConvertible {
        let versions: [VersionSupport]
        let suites: [SuiteEnumeration]
        let groups: GroupEnumeration?
        let schemes: [SchemeEnumeration]
        let chains: [[String]]
        init(_ observation: TLSEndpointObservation) {
            versions = observation.versions
            suites = observation.cipherSuites
            groups = observation.groups
            schemes = observation.signatureSchemes
            chains = observation.certificateChains.map { $0.certificates.map(\.sha256Fingerprint) }
        }
        var description: String { "versions \(versions), suites \(suites.map(\.accepted)), chains \(chains)" }
    }

    @Test func everyProtocolSeesWhatAPlainScanOfTheTLSServerSees() throws {
        // s_server stops after 1000 connections (LocalServer's -naccept): one per scan.
        func tlsServer() throws -> LocalServer {
            try LocalServer([
                "-cert", Self.cert, "-key", Self.key, "-no_tls1", "-no_tls1_1",
                "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384", "-groups", "X25519:P-256",
            ])
        }
        let first = try tlsServer()
        let plain = Self.scanner(first.port, nil).scan()
        #expect(plain.outcome?.kind == .handshake && plain.failures.isEmpty, "\(plain.failures)")
        let expected = Seen(plain)
        #expect(expected.versions.filter { $0.status == .yes }.map(\.version) == [.tlsv1_2, .tlsv1_3])
        #expect(expected.chains.first?.isEmpty == false)
        for name in StartTLSServer.protocols {
            let protocolName = try #require(StartTLSProtocol(rawValue: name))
            let tls = try tlsServer()
            let server = try StartTLSServer(name, tlsPort: tls.port)
            let observation = Self.scanner(server.port, protocolName).scan()
            #expect(observation.starttls == protocolName)
            #expect(observation.endpoint == "\(name)://127.0.0.1:\(server.port)")
            #expect(observation.outcome?.kind == .handshake, "\(name): \(observation.outcome?.summary ?? "")")
            #expect(observation.failures.isEmpty, "\(name): \(observation.failures)")
            let seen = Seen(observation)
            #expect(seen.versions == expected.versions, "\(name)")
            #expect(seen.suites == expected.suites, "\(name)")
            #expect(seen.groups == expected.groups, "\(name)")
            #expect(seen.schemes == expected.schemes, "\(name)")
            #expect(seen.chains == expected.chains, "\(name)")
            if name.hasPrefix("xmpp") {
                // The stream is opened to the server name.
                #expect(String(decoding: server.clientBytes, as: UTF8.self).contains("to='localhost'"), "\(name)")
            }
        }
    }

    @Test func everyProtocolsRefusalIsTheStartTLSOutcomeNamingIt() throws {
        let words: [String: String] = [
            "smtp": "SMTP server does not offer STARTTLS", "imap": "IMAP server refused STARTTLS: \"a NO [UNAVAILABLE]",
            "pop3": "POP3 server refused STLS: \"-ERR", "ftp": "FTP server refused AUTH TLS: \"502",
            "ldap": "resultCode 52 (unavailable), \"TLS not configured\"", "xmpp": "refused STARTTLS with <failure/>",
            "xmpp-server": "XMPP server (server to server) refused STARTTLS", "postgres": "answered N to the SSLRequest",
            "mysql": "does not offer SSL (no CLIENT_SSL capability)", "nntp": "NNTP server refused STARTTLS: \"580",
            "sieve": "ManageSieve server does not offer STARTTLS",
        ]
        for name in StartTLSServer.protocols {
            let server = try StartTLSServer(name, tlsPort: nil)
            let started = ContinuousClock.now
            let observation = Self.scanner(server.port, StartTLSProtocol(rawValue: name)).scan()
            let outcome = try #require(observation.noHandshakeOutcome, "\(name)")
            #expect(outcome.kind == .starttls && outcome.code == .starttlsRefused, "\(name): \(outcome)")
            let expected = try #require(words[name])
            #expect(
                outcome.summary.contains("STARTTLS upgrade failed: ") && outcome.summary.contains(expected), "\(name): \(outcome.summary)")
            #expect(!observation.completedHandshake)
            #expect(ContinuousClock.now - started < .seconds(10), "\(name): a refusal is not waited on")
        }
    }

    @Test func hostilePreamblesAreBoundedEscapedAndIndeterminate() throws {
        // An endless greeting line: cut at the line limit, never held whole.
        let endless = try FakeServer { _, connection in
            connection.write(Array("220 ".utf8))
            for _ in 0..<200 { connection.write([UInt8](repeating: 0x41, count: 1024)) }
            connection.stall(0.5)
        }
        // A greeting, then silence.
        let silent = try FakeServer { _, connection in
            connection.write(Array("220 fake ESMTP\r\n".utf8))
            _ = connection.read()
            connection.stall(2)
        }
        // Terminal escapes and a bidirectional override in the refusal.
        let escapes = try FakeServer { _, connection in
            connection.write(Array("220 fake\r\n".utf8))
            _ = connection.read()
            connection.write(Array("250-fake\u{1B}]0;pwned\u{07}\u{202E}\r\n250 \u{1B}[2J8BITMIME\r\n".utf8))
            _ = connection.read()
        }
        // Bytes pipelined after the 220 to STARTTLS (a plaintext injection).
        let injects = try FakeServer { _, connection in
            connection.write(Array("220 fake\r\n".utf8))
            _ = connection.read()
            connection.write(Array("250-fake\r\n250 STARTTLS\r\n".utf8))
            _ = connection.read()
            connection.write(Array("220 go ahead\r\n250 injected\r\n".utf8))
            connection.stall(0.5)
        }
        // Endless lines, each short: the total bound ends it.
        let flood = try FakeServer { _, connection in
            connection.write(Array("220 fake\r\n".utf8))
            _ = connection.read()
            for _ in 0..<2000 { connection.write(Array("250-0123456789012345678901234567890123456789\r\n".utf8)) }
            connection.stall(0.5)
        }
        // Lengths that announce more than a preamble may hold: never allocated, never awaited.
        let mysqlHuge = try FakeServer { _, connection in
            connection.write([0xFF, 0xFF, 0xFF, 0x00, 10])
            connection.stall(0.5)
        }
        let ldapHuge = try FakeServer { _, connection in
            _ = connection.read()
            connection.write([0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x02, 0x01, 0x01])
            connection.stall(0.5)
        }
        // An XMPP stream that never closes a tag: the total bound ends it.
        let xmppEndless = try FakeServer { _, connection in
            _ = connection.read()
            connection.write(Array("<stream:stream ".utf8))
            for _ in 0..<100 { connection.write([UInt8](repeating: 0x61, count: 1024)) }
            connection.stall(0.5)
        }
        let cases: [(String, FakeServer, StartTLSProtocol, ErrorCode, String)] = [
            ("endless line", endless, .smtp, .starttlsMalformed, "longer than 4096 bytes"),
            ("silent", silent, .smtp, .connectionTimeout, "timed out"),
            ("escapes", escapes, .smtp, .starttlsRefused, "does not offer STARTTLS"),
            ("injection", injects, .smtp, .starttlsMalformed, "bytes after its answer to STARTTLS"),
            ("flood", flood, .smtp, .starttlsMalformed, "more than 256 lines"),
            ("MySQL length", mysqlHuge, .mysql, .starttlsMalformed, "announced a greeting of 16777215 bytes"),
            ("LDAP length", ldapHuge, .ldap, .starttlsMalformed, "announced 2147483647 bytes"),
            ("XMPP endless tag", xmppEndless, .xmpp, .starttlsMalformed, "more than 65536 bytes"),
        ]
        for (name, server, protocolName, code, words) in cases {
            let started = ContinuousClock.now
            let observation = Self.scanner(server.port, protocolName, timeout: .milliseconds(800)).scan()
            let outcome = try #require(observation.noHandshakeOutcome, "\(name)")
            #expect(outcome.kind == .starttls && outcome.code == code, "\(name): \(outcome)")
            #expect(outcome.summary.contains(words), "\(name): \(outcome.summary)")
            #expect(!outcome.summary.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E }, "\(name): \(outcome.summary)")
            #expect(outcome.summary.utf8.count < 1000, "\(name): the quoted answer is bounded")
            #expect(ContinuousClock.now - started < .seconds(8), "\(name): bounded by the probe deadlines")
        }
    }

    @Test func targetsNameTheProtocolByScchemeOrPortAndTakeAnAddress() throws {
        let cases: [(String, StartTLSProtocol?, Int)] = [
            ("smtp://mail.example.test", .smtp, 25), ("submission://mail.example.test", .smtp, 587),
            ("imap://mail.example.test:1143", .imap, 1143), ("postgresql://db.example.test", .postgres, 5432),
            ("xmpp-server://chat.example.test", .xmppServer, 5269), ("sieve://mail.example.test", .sieve, 4190),
            ("mail.example.test:587", .smtp, 587), ("ldap.example.test:389", .ldap, 389), ("db.example.test:3306", .mysql, 3306),
            ("news.example.test:119", .nntp, 119), ("ftp.example.test:21", .ftp, 21), ("pop.example.test:110", .pop3, 110),
            ("www.example.test", nil, 443), ("https://www.example.test:25/", nil, 25), ("imaps://mail.example.test", nil, 993),
        ]
        for (text, starttls, port) in cases {
            let target = try EndpointTarget.parse(text)
            #expect(target.starttls == starttls && target.port == port, "\(text): \(String(describing: target.starttls)) \(target.port)")
        }
        let pinned = try EndpointTarget.parse("mail.example.test:25{127.0.0.1}")
        #expect(pinned.host == "mail.example.test" && pinned.connectAddress == "127.0.0.1" && pinned.starttls == .smtp)
        #expect(try EndpointTarget.parse("[::1]:443{::1}").connectAddress == "::1")
        #expect(throws: EndpointTarget.SyntaxError.self) { try EndpointTarget.parse("mail.example.test:25{not-an-address}") }
        #expect(throws: EndpointTarget.SyntaxError.self) { try EndpointTarget.parse("telnet://host.example.test") }
    }

    @Test func observationsWithoutTheProtocolStillLoadAndNewOnesKeepIt() throws {
        let old =
            #"{"host":"a.test","port":25,"versions":[],"cipherSuites":[],"sslv2CipherKinds":[],"dhParameters":[],"signatureSchemes":[],"certificateChains":[],"features":[],"failures":[]}"#
        let decoded = try JSONDecoder().decode(TLSEndpointObservation.self, from: Data(old.utf8))
        #expect(decoded.starttls == nil && decoded.endpoint == "a.test:25")
        var fresh = decoded
        fresh.starttls = .xmppServer
        let again = try JSONDecoder().decode(TLSEndpointObservation.self, from: JSONEncoder().encode(fresh))
        #expect(again.starttls == .xmppServer && again.endpoint == "xmpp-server://a.test:25")
    }
}
