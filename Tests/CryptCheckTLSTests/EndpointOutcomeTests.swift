import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// An endpoint that completes no handshake says what it did instead; a target is read as a
/// host, an address or a URL, and never sends an IP address as SNI.
@Suite("Endpoint outcomes and targets")
struct EndpointOutcomeTests {
    static func scan(_ port: Int, timeout: Duration = .milliseconds(400)) -> TLSEndpointObservation {
        TLSScanner(host: "127.0.0.1", port: port, timeout: timeout, retries: 0).scan()
    }

    @Test func eachWayOfNotSpeakingTLSIsNamed() throws {
        let closes = try FakeServer { _, connection in _ = connection.read() }
        let resets = try FakeServer { _, connection in
            _ = connection.read()
            connection.resetOnClose()
        }
        let http = try FakeServer { _, connection in
            _ = connection.read()
            connection.write(Array("HTTP/1.1 400 Bad Request\r\n\u{1B}[2J\r\n".utf8))
        }
        let headerOnly = try FakeServer { _, connection in
            _ = connection.read()
            connection.write([0x16, 0x03, 0x03, 0x00, 0x4A])
        }
        let cutHello = try FakeServer { _, connection in
            _ = connection.read()
            connection.write([0x16, 0x03, 0x03, 0x00, 0x0A, 0x02, 0x00, 0x00, 0x46, 0x03, 0x03, 0x01, 0x02, 0x03, 0x04])
        }
        let alerts = try FakeServer { _, connection in
            _ = connection.read()
            connection.write([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])
        }
        let silent = try FakeServer { _, connection in
            _ = connection.read()
            connection.stall(1.0)
        }
        let cases: [(String, FakeServer, TLSEndpointOutcome.Kind, String)] = [
            ("closes", closes, .closed, "closed"),
            ("resets", resets, .closed, "closed"),
            ("http", http, .notTLS, "plaintext HTTP"),
            ("header only", headerOnly, .malformed, "without a ServerHello"),
            ("cut-off ServerHello", cutHello, .malformed, "without a ServerHello"),
            ("fatal alerts", alerts, .refused, "handshake_failure"),
            ("silent", silent, .silent, "nothing within"),
        ]
        for (name, server, kind, words) in cases {
            let observation = Self.scan(server.port)
            let outcome = try #require(observation.outcome, "\(name)")
            #expect(outcome.kind == kind, "\(name): \(outcome)")
            #expect(outcome.summary.contains(words), "\(name): \(outcome.summary)")
            #expect(!observation.completedHandshake && observation.noHandshakeOutcome == outcome, "\(name)")
            #expect(observation.cipherSuites.isEmpty && observation.certificateChains.isEmpty, "\(name)")
            // Whatever the server sent reaches a person escaped: no control byte survives.
            #expect(!outcome.summary.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(name)")
        }
        let shown = try #require(Self.scan(http.port).outcome?.summary)
        #expect(shown.contains(#"HTTP/1.1 400 Bad Request\r\n\x1b[2J"#), "\(shown)")
    }

    @Test func nothingListeningIsUnreachable() throws {
        let port = try LocalServer.freePort()
        let outcome = try #require(Self.scan(port).outcome)
        #expect(outcome.kind == .unreachable && outcome.summary.contains("cannot connect"), "\(outcome)")
    }

    @Test func anAddressOfTheWrongFamilyIsUnresolved() {
        let observation = TLSScanner(host: "127.0.0.1", port: 443, family: .ipv6, retries: 0).scan()
        #expect(observation.outcome?.kind == .unresolved && observation.versions.isEmpty, "\(observation)")
        #expect(observation.noHandshakeOutcome?.summary.contains("IPv6 only") == true)
    }

    @Test func aRealHandshakeIsRecordedAsOne() throws {
        let files = LocalServer.fixtures
        let server = try LocalServer([
            "-cert", files + "/certs/rsa2048-sha256.pem", "-key", files + "/keys/rsa2048-pkcs1.pem",
            "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256",
        ])
        let observation = Self.scan(server.port, timeout: .seconds(5))
        #expect(observation.outcome == TLSEndpointOutcome(kind: .handshake) && observation.completedHandshake)
        #expect(observation.noHandshakeOutcome == nil)
    }

    @Test func savedObservationsWithoutAnOutcomeAreJudgedByTheirVersions() throws {
        var refused = TLSEndpointObservation(host: "h", port: 1, versions: [VersionSupport(version: .tlsv1_2, status: .no)])
        #expect(refused.noHandshakeOutcome?.kind == .refused)
        refused.versions.append(VersionSupport(version: .tlsv1_3, status: .failed(reason: "timed out waiting for the server")))
        // Saved before codes were recorded: the reason is carried, the code is unknown.
        #expect(refused.noHandshakeOutcome?.kind == .failed && refused.noHandshakeOutcome?.detail == "timed out waiting for the server")
        #expect(refused.noHandshakeOutcome?.code == nil)
        refused.versions[1].status = .failed(reason: "timed out waiting for the server", code: .connectionTimeout)
        #expect(refused.noHandshakeOutcome?.code == .connectionTimeout)
        refused.versions.append(VersionSupport(version: .tlsv1_0, status: .yes))
        #expect(refused.noHandshakeOutcome == nil)
        // An outcome that says no handshake wins over versions, whatever they say.
        refused.outcome = TLSEndpointOutcome(kind: .notTLS)
        #expect(!refused.completedHandshake)
        let decoded = try JSONDecoder().decode(
            TLSEndpointObservation.self,
            from: Data(
                #"{"host":"h","port":1,"versions":[],"cipherSuites":[],"sslv2CipherKinds":[],"dhParameters":[],"signatureSchemes":[],"certificateChains":[],"features":[],"failures":[]}"#
                    .utf8))
        #expect(decoded.outcome == nil && decoded.noHandshakeOutcome?.kind == .refused)
    }

    @Test func targetsAreHostsAddressesOrURLs() throws {
        let accepted: [(String, String, Int)] = [
            ("example.test", "example.test", 443), ("example.test:8443", "example.test", 8443),
            ("https://example.test:8443/path?q=1#f", "example.test", 8443), ("https://example.test/", "example.test", 443),
            ("HTTPS://user@example.test", "example.test", 443), ("ldaps://dir.example.test", "dir.example.test", 636),
            ("imaps://mail.example.test", "mail.example.test", 993), ("[::1]:8443", "::1", 8443), ("[::1]", "::1", 443),
            ("::1", "::1", 443), ("2001:db8::1", "2001:db8::1", 443), ("127.0.0.1:1", "127.0.0.1", 1),
            ("https://[::1]:9443/x", "::1", 9443), ("_sip._tcp.example.test", "_sip._tcp.example.test", 443),
            ("localhost", "localhost", 443), ("example.test.", "example.test.", 443),
        ]
        for (text, host, port) in accepted {
            let target = try EndpointTarget.parse(text)
            #expect(target.host == host && target.port == port, "\(text) → \(target)")
        }
        let rejected: [(String, String)] = [
            ("", "no host"), ("example.test:0", "port"), ("example.test:65536", "port"), ("example.test:https", "port"),
            ("http://example.test", "plaintext"), ("mqtt://broker.example.test", "STARTTLS"), ("gopher://x", "unknown URL scheme"),
            ("exa mple.test", "neither"), ("-bad.test", "neither"), ("1.2.3", "neither"), ("999.1.1.1", "neither"),
            ("[::1", "lacks"), ("[example.test]:443", "not an IPv6"), ("2001:db8::1:443:x", "not HOST[:PORT]"),
            ("ex\u{1B}[2Jample", "neither"), ("例え.jp", "neither"), ("https://", "no host"),
            ("127.0.0.1:8443/", "URL scheme"), ("example.test/path", "URL scheme"),
        ]
        for (text, words) in rejected {
            do {
                _ = try EndpointTarget.parse(text)
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.description.contains(words), "\(text): \(error)")
                #expect(!error.description.unicodeScalars.contains { $0.value == 0x1B }, "unescaped: \(error)")
            }
        }
    }

    @Test func anIPAddressIsNeverSentAsServerName() throws {
        for host in ["127.0.0.1", "::1", "2001:db8::1", "fe80::1%lo"] {
            #expect(TLSScanner(host: host, port: 1).serverName == nil, "\(host)")
            #expect(TLSScanner(host: "name.test", port: 1, serverName: host).serverName == nil, "\(host) as --sni")
        }
        #expect(TLSScanner(host: "name.test", port: 1).serverName == "name.test")
        #expect(TLSScanner(host: "127.0.0.1", port: 1, serverName: "www.test").serverName == "www.test")
        // The raw hello leaves the extension out for an address whatever it is asked.
        for name in ["127.0.0.1", "::1", "10.1.2.3"] {
            let record = ClientHelloBuilder.record(
                ClientHelloSpec(version: .tlsv1_2, cipherSuites: [CipherSuite(0xC02F)], serverName: name),
                random: [UInt8](repeating: 0, count: 64))
            #expect(!record.windows(ofCount: name.utf8.count).contains { Array($0) == Array(name.utf8) }, "\(name)")
        }
    }

    /// What the server saw: s_server prints the SNI it got with -servername's callback.
    @Test func theFullHandshakeSendsNoAddressAsSNIAndTheObservationSaysSo() throws {
        let files = LocalServer.fixtures
        // With -servername and -servername_fatal, s_server refuses a hello that names another
        // host; a hello without SNI passes. An address sent as SNI would be refused.
        let server = try LocalServer([
            "-cert", files + "/certs/rsa2048-sha256.pem", "-key", files + "/keys/rsa2048-pkcs1.pem",
            "-cert2", files + "/certs/rsa2048-sha256.pem", "-key2", files + "/keys/rsa2048-pkcs1.pem",
            "-servername", "only.example.test", "-servername_fatal", "-tls1_2",
        ])
        let observation = Self.scan(server.port, timeout: .seconds(5))
        #expect(observation.serverName == nil && observation.completedHandshake)
        #expect(!observation.certificateChains.isEmpty, "\(observation.failures)")
        #expect(observation.failures.isEmpty, "\(observation.failures)")
    }
}

extension Array where Element == UInt8 {
    func windows(ofCount count: Int) -> [ArraySlice<UInt8>] {
        guard count > 0, self.count >= count else { return [] }
        return (0...(self.count - count)).map { self[$0..<($0 + count)] }
    }
}
