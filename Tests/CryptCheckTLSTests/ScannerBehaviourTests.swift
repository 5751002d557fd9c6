import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// How the scanner behaves around the handshakes: SSLv2 cipher kinds, connection limits,
/// retries, address families, TLS 1.3 signature schemes, several certificates, chain order.
@Suite("Scanner behaviour", .serialized)
struct ScannerBehaviourTests {
    static let files = LocalServer.fixtures

    /// An SSLv2 SERVER-HELLO offering `kinds` (and a placeholder certificate).
    static func sslv2ServerHello(_ kinds: [UInt32]) -> [UInt8] {
        let certificate: [UInt8] = [0x30, 0x00]
        var body: [UInt8] = [4, 0, 1, 0x00, 0x02, 0x00, UInt8(certificate.count), 0x00, UInt8(kinds.count * 3), 0x00, 0x10]
        body += certificate
        for kind in kinds { body += [UInt8(kind >> 16 & 0xFF), UInt8(kind >> 8 & 0xFF), UInt8(kind & 0xFF)] }
        body += Array(repeating: 0xAA, count: 16)
        return [UInt8(0x80 | body.count >> 8), UInt8(body.count & 0xFF)] + body
    }

    @Test func sslv2CipherKindsAreEnumerated() throws {
        let offered: [UInt32] = [0x010080, 0x020080, 0x0700C0]
        let server = try FakeServer { _, connection in
            let hello = connection.read()
            // An SSLv2-only server: answer SSLv2 CLIENT-HELLOs, hang up on everything else.
            if hello.count > 2, hello[0] & 0x80 != 0, hello[2] == 1 { connection.write(Self.sslv2ServerHello(offered)) }
        }
        let observation = TLSScanner(host: "127.0.0.1", port: server.port, timeout: .seconds(3)).scan()
        #expect(observation.versions.first == VersionSupport(version: .sslv2, status: .yes))
        #expect(observation.versions.dropFirst().allSatisfy { $0.status == .no })
        #expect(observation.sslv2CipherKinds == offered.map(SSLv2CipherKind.init(rawValue:)))
        #expect(
            observation.sslv2CipherKinds.map(\.name) == [
                "SSL_CK_RC4_128_WITH_MD5", "SSL_CK_RC4_128_EXPORT40_WITH_MD5",
                "SSL_CK_DES_192_EDE3_CBC_WITH_MD5",
            ])
        #expect(observation.failures.isEmpty)
    }

    /// A TLS 1.2 ServerHello choosing `suite`, the ServerKeyExchange the suite needs (see
    /// `keyExchange`) and ServerHelloDone, in one record: a whole first flight but for the
    /// certificate. `whole: false` leaves out the ServerKeyExchange and ServerHelloDone.
    static func serverHello(_ suite: UInt16, whole: Bool = true) -> [UInt8] {
        let body: [UInt8] = [0x03, 0x03] + Array(repeating: 0x42, count: 32) + [0x00, UInt8(suite >> 8), UInt8(suite & 0xFF), 0x00]
        var handshake = [0x02, 0x00, 0x00, UInt8(body.count)] + body
        if whole {
            let parameters = keyExchange(for: suite)
            if !parameters.isEmpty {
                handshake += [0x0C, 0x00, UInt8(parameters.count >> 8), UInt8(parameters.count & 0xFF)] + parameters
            }
            handshake += [0x0E, 0x00, 0x00, 0x00]
        }
        return [0x16, 0x03, 0x03, UInt8(handshake.count >> 8), UInt8(handshake.count & 0xFF)] + handshake
    }

    /// A TLS 1.2 ServerKeyExchange body for an ECDHE (secp256r1) or DHE (a 128-bit prime) suite,
    /// placeholder values signed with a placeholder signature (ecdsa_secp256r1_sha256 for
    /// ECDSA suites, rsa_pkcs1_sha256 otherwise); empty for suites that send none.
    static func keyExchange(for suite: UInt16) -> [UInt8] {
        let info = CipherSuite(suite).info
        let signature: [UInt8] = (info?.authentication == .ecdsa ? [0x04, 0x03] : [0x04, 0x01]) + [0x00, 0x01, 0xAA]
        switch info?.keyExchange {
        case .ecdhe?: return [0x03, 0x00, 0x17, 0x01, 0x04] + signature
        case .dhe?: return [0x00, 0x10] + Array(repeating: 0xFF, count: 16) + [0x00, 0x01, 0x02, 0x00, 0x01, 0x05] + signature
        default: return []
        }
    }

    /// The suites of a TLS 1.2 ClientHello read from `connection` (one record, read whole);
    /// `nil` for anything else.
    static func offeredSuites(_ connection: FakeConnection) -> Set<UInt16>? {
        var hello = connection.read()
        while hello.count >= 5, hello.count < 5 + (Int(hello[3]) << 8 | Int(hello[4])) {
            let more = connection.read()
            if more.isEmpty { return nil }
            hello += more
        }
        guard hello.count > 45, hello[0] == 0x16, hello[9] == 0x03, hello[10] == 0x03 else { return nil }
        let suitesAt = 44 + Int(hello[43])
        guard hello.count > suitesAt + 2 else { return nil }
        let length = Int(hello[suitesAt]) << 8 | Int(hello[suitesAt + 1])
        guard hello.count >= suitesAt + 2 + length else { return nil }
        return Set(stride(from: suitesAt + 2, to: suitesAt + 2 + length, by: 2).map { UInt16(hello[$0]) << 8 | UInt16(hello[$0 + 1]) })
    }

    @Test func suitesAreOfferedInChunksAPickyServerAccepts() throws {
        // Like some middleboxes: a ClientHello with more than 150 suites gets no answer. The
        // server speaks TLS 1.2 only and prefers 0xC02F, then 0x009C, then 0x002F.
        let preference: [UInt16] = [0xC02F, 0x009C, 0x002F]
        let server = try FakeServer { _, connection in
            // Like some middleboxes: more than 150 suites get no answer.
            guard let offered = Self.offeredSuites(connection), offered.count <= 150 else { return }
            if let choice = preference.first(where: offered.contains) {
                connection.write(Self.serverHello(choice))
            } else {
                connection.write([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])  // handshake_failure
            }
        }
        #expect(TLSScanner.chunks(for: .tlsv1_2).count > 1 && TLSScanner.chunks(for: .tlsv1_2).allSatisfy { $0.count <= 128 })
        let observation = TLSScanner(host: "127.0.0.1", port: server.port, timeout: .seconds(2), retries: 0).scan()
        #expect(observation.versions.filter { $0.status == .yes }.map(\.version) == [.tlsv1_2])
        let suites = try #require(observation.cipherSuites.first { $0.version == .tlsv1_2 })
        #expect(suites.accepted == preference.map(CipherSuite.init))  // the server's order, across chunks
        #expect(suites.preference == .server && suites.complete)
    }

    /// Like Dovecot without DH parameters: a server that hangs up without an alert both when it
    /// refuses and when it picks a suite whose handshake it cannot complete (here: its DHE
    /// suite, which it prefers). The suites it would take after that one are still found.
    @Test func aServerThatHangsUpOnItsOwnChoiceStillHasItsOtherSuitesFound() throws {
        let preference: [UInt16] = [0x009E, 0xC030, 0xC02F, 0x009C]  // DHE first: it fails that one
        let server = try FakeServer { _, connection in
            guard let offered = Self.offeredSuites(connection) else { return }
            // Hangs up (no alert) on a refusal and on its DHE choice alike.
            guard let choice = preference.first(where: offered.contains), choice != 0x009E else { return }
            connection.write(Self.serverHello(choice))
        }
        let observation = TLSScanner(host: "127.0.0.1", port: server.port, timeout: .seconds(2), retries: 0).scan()
        let suites = try #require(observation.cipherSuites.first { $0.version == .tlsv1_2 })
        #expect(Set(suites.accepted) == Set([0xC030, 0xC02F, 0x009C].map(CipherSuite.init)), "\(suites.accepted.map(\.hex))")
        #expect(suites.complete)
    }

    /// A server that chooses a suite and then aborts its first flight (GnuTLS choosing DHE
    /// without DH parameters): a close after the ServerHello, and an alert after it. Those
    /// suites are chosen-then-failed, with what was seen, never accepted; the enumeration goes
    /// on past them and is complete.
    @Test func aSuiteChosenAndThenAbortedIsNotAccepted() throws {
        let preference: [UInt16] = [0x009E, 0xC030, 0xC02F, 0x009C]
        let server = try FakeServer { _, connection in
            guard let offered = Self.offeredSuites(connection) else { return }
            guard let choice = preference.first(where: offered.contains) else {
                connection.write([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])  // handshake_failure
                return
            }
            switch choice {
            case 0x009E:
                connection.write(Self.serverHello(choice, whole: false))  // then closes
            case 0xC030:
                connection.write(Self.serverHello(choice, whole: false) + [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x50])
            default:
                connection.write(Self.serverHello(choice))
            }
        }
        let observation = TLSScanner(host: "127.0.0.1", port: server.port, timeout: .seconds(2), retries: 0).scan()
        let suites = try #require(observation.cipherSuites.first { $0.version == .tlsv1_2 })
        #expect(suites.accepted == [0xC02F, 0x009C].map(CipherSuite.init), "\(suites)")
        #expect(
            suites.chosenThenFailed == [
                ChosenThenFailed(
                    suite: CipherSuite(0x009E),
                    seen: "ServerHello, then the connection closed (no ServerKeyExchange, ServerHelloDone)"),
                ChosenThenFailed(
                    suite: CipherSuite(0xC030),
                    seen: "ServerHello, then alert internal_error (no ServerKeyExchange, ServerHelloDone)"),
            ], "\(suites)")
        #expect(suites.complete, "\(suites)")
        // A whole flight but for a ServerKeyExchange the suite needs is not accepted either.
        var flight = ServerFlightParser()
        try flight.consume(Self.serverHello(0xC02F, whole: false) + [0x16, 0x03, 0x03, 0x00, 0x04, 0x0E, 0x00, 0x00, 0x00])
        #expect(flight.flight.brokenFirstFlight == "ServerHello, ServerHelloDone (no ServerKeyExchange)")
        var whole = ServerFlightParser()
        try whole.consume(Self.serverHello(0xC02F))
        #expect(whole.flight.brokenFirstFlight == nil)
    }

    @Test func perHostAndGlobalConnectionLimitsHold() throws {
        // Each connection waits at a barrier until `limit` are open at once, so the probes
        // overlap as far as the limit allows without depending on timing.
        for limit in [1, 3] {
            let barrier = ConcurrencyBarrier(count: limit)
            let server = try FakeServer { _, connection in
                _ = connection.read()
                barrier.hold()
            }
            _ = TLSScanner(
                host: "127.0.0.1", port: server.port, timeout: .seconds(3),
                limits: ConnectionLimits(perHost: limit, global: 32)
            ).scan()
            #expect(barrier.timeouts == 0, "per-host limit \(limit): never \(limit) connections at once")
            #expect(server.peakConcurrency == limit, "per-host limit \(limit)")
        }
        // Two names for the same server, each allowed 8, but only 2 connections in all.
        let barrier = ConcurrencyBarrier(count: 2)
        let shared = try FakeServer { _, connection in
            _ = connection.read()
            barrier.hold()
        }
        let limits = ConnectionLimits(perHost: 8, global: 2)
        let observations = TLSScanner.scan(
            ["127.0.0.1", "localhost"].map {
                TLSScanner(host: $0, port: shared.port, timeout: .seconds(3), limits: limits, family: .ipv4)
            })
        #expect(observations.map(\.host) == ["127.0.0.1", "localhost"])
        #expect(barrier.timeouts == 0, "two connections were never open at once")
        #expect(shared.peakConcurrency == 2)
        #expect(shared.connectionCount >= 12)
    }

    @Test func transientFailuresAreRetriedAndOtherwiseRecordedAsFailed() throws {
        // The first connection gets no answer (the probe times out); later ones are refused.
        func server() throws -> FakeServer {
            try FakeServer { index, connection in
                _ = connection.read()
                if index == 0 { connection.stall(1.5) }
            }
        }
        let hello = ClientHelloSpec(version: .tlsv1_2, cipherSuites: [CipherSuite(0xC02F)])
        let once = try server()
        var probe = HandshakeProbe(host: "127.0.0.1", port: once.port, timeout: .milliseconds(300))
        probe.retries = 0
        guard case .failed(let reason, let code) = probe.run(hello) else {
            Issue.record("a timed-out probe must be a failure")
            return
        }
        #expect(code == .connectionTimeout, "\(reason)")
        let twice = try server()
        probe = HandshakeProbe(host: "127.0.0.1", port: twice.port, timeout: .milliseconds(300))
        probe.retries = 1
        #expect(probe.run(hello) == .refused(nil))
        #expect(twice.connectionCount == 2)
    }

    @Test func hostileServersEndInFailuresNotHangsOrCrashes() throws {
        // One starts a record and trickles it a byte at a time; one floods with endless records
        // the scanner must skip; one answers garbage.
        let trickle = try FakeServer.trickling()
        let flood = try FakeServer.flooding()
        let garbage = try FakeServer { _, connection in
            _ = connection.read()
            connection.write(Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8))
        }
        for (name, server, expected) in [
            ("trickle", trickle, ErrorCode.connectionTimeout), ("flood", flood, .connectionOversized), ("garbage", garbage, .tlsNotARecord),
        ] {
            let observation = TLSScanner(host: "127.0.0.1", port: server.port, timeout: .milliseconds(500), retries: 0).scan()
            let tls = observation.versions.dropFirst()
            #expect(tls.allSatisfy { $0.status.isFailure }, "\(name): \(observation.versions)")
            if case .failed(let reason, let code) = tls.first?.status { #expect(code == expected, "\(name): \(reason)") }
            #expect(observation.cipherSuites.isEmpty)
        }
    }

    @Test func ipv6AndAddressFamilies() throws {
        let server = try LocalServer(ipv6: [
            "-cert", Self.files + "/certs/rsa2048-sha256.pem", "-key", Self.files + "/keys/rsa2048-pkcs1.pem",
            "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256",
        ])
        let observation = TLSScanner(host: "::1", port: server.port, family: .ipv6).scan()
        #expect(observation.address == "::1" && observation.endpoint == "[::1]:\(server.port)")
        #expect(observation.versions.filter { $0.status == .yes }.map(\.version) == [.tlsv1_2])
        #expect(observation.cipherSuites.first?.accepted == [CipherSuite(0xC02F)])
        // Asked for IPv4 only, an IPv6 address cannot be scanned: the endpoint is not resolved,
        // nothing is probed, and the outcome says why.
        let refused = TLSScanner(host: "::1", port: server.port, family: .ipv4).scan()
        #expect(refused.versions.isEmpty && refused.outcome?.kind == .unresolved)
        #expect(refused.noHandshakeOutcome?.summary.contains("IPv4 only") == true)
    }

    @Test func tls13SignatureSchemesFollowTheCertificate() throws {
        let cases: [(cert: String, key: String, expected: [UInt16])] = [
            ("rsa2048-sha256.pem", "rsa2048-pkcs1.pem", [0x0804, 0x0805, 0x0806]),
            ("ec-p384-sha384.pem", "ec-p384-pkcs8.pem", [0x0503]),
            ("ed25519.pem", "ed25519.pem", [0x0807]),
        ]
        for (cert, key, expected) in cases {
            let server = try LocalServer(["-cert", Self.files + "/certs/" + cert, "-key", Self.files + "/keys/" + key, "-tls1_3"])
            let observation = TLSScanner(host: "127.0.0.1", port: server.port).scan()
            let schemes = try #require(observation.signatureSchemes.first { $0.version == .tlsv1_3 }, "\(cert)")
            #expect(schemes.accepted == expected.map(SignatureScheme.init), "\(cert)")
            #expect(schemes.complete)
            #expect(observation.failures.isEmpty, "\(observation.failures)")
        }
    }

    @Test func rsaAndECDSACertificatesAreBothFound() throws {
        for version in ["-tls1_3", "-tls1_2"] {
            let server = try LocalServer([
                "-cert", Self.files + "/certs/rsa2048-sha256.pem", "-key", Self.files + "/keys/rsa2048-pkcs1.pem",
                "-dcert", Self.files + "/certs/ec-p256-sha256.pem", "-dkey", Self.files + "/keys/ec-p256-sec1.pem",
                version,
            ])
            let observation = TLSScanner(host: "127.0.0.1", port: server.port).scan()
            let leaves = Set(observation.certificateChains.compactMap { $0.certificates.first?.publicKey.algorithm })
            #expect(leaves == [.rsa, .ec], "\(version)")
            #expect(observation.failures.isEmpty, "\(observation.failures)")
        }
    }

    /// The chain fixture split into leaf, intermediate and root files in a temporary directory.
    static func chainFiles(in directory: URL) throws -> (leaf: String, intermediate: String, root: String) {
        let bundle = try String(contentsOfFile: files + "/certs/chain-bundle.pem", encoding: .utf8)
        let blocks = bundle.components(separatedBy: "-----END CERTIFICATE-----").dropLast().map { $0 + "-----END CERTIFICATE-----\n" }
        let names = ["leaf.pem", "int.pem", "root.pem"]
        for (name, block) in zip(names, blocks) {
            try block.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let paths = names.map { directory.appendingPathComponent($0).path }
        return (paths[0], paths[1], paths[2])
    }

    @Test func chainOrderAndCompleteness() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (leaf, intermediate, root) = try Self.chainFiles(in: directory)
        func chain(sending extra: [String]) throws -> CertificateChain {
            let chainFile = directory.appendingPathComponent("sent-\(UUID().uuidString).pem").path
            let sent = try extra.map { try String(contentsOfFile: $0, encoding: .utf8) }.joined()
            try sent.write(toFile: chainFile, atomically: true, encoding: .utf8)
            let server = try LocalServer(
                [
                    "-cert", leaf, "-key", Self.files + "/keys/rsa2048-pkcs1.pem", "-tls1_2",
                    "-cipher", "ECDHE-RSA-AES128-GCM-SHA256",
                ] + (extra.isEmpty ? [] : ["-cert_chain", chainFile]))
            var scanner = TLSScanner(host: "127.0.0.1", port: server.port, serverName: "leaf.example.test")
            scanner.caFile = root
            return try #require(scanner.scan().certificateChains.first)
        }
        let good = try chain(sending: [intermediate])
        #expect(good.order == .ordered && good.complete == true && good.trusted == true)
        let reversed = try chain(sending: [root, intermediate])
        #expect(reversed.order == .outOfOrder && reversed.complete == true)
        let missing = try chain(sending: [])
        #expect(missing.order == .ordered && missing.complete == false)
        #expect(missing.missingIssuer == "CN=Fixture Intermediate CA")
        let unrelated = try chain(sending: [intermediate, Self.files + "/certs/rsa2048-sha256.pem"])
        #expect(unrelated.order == .unrelated && unrelated.complete == true)
    }

    @Test func cliScansSeveralEndpointsAndChecksItsOptions() throws {
        let cert = Self.files + "/certs/rsa2048-sha256.pem", key = Self.files + "/keys/rsa2048-pkcs1.pem"
        let v4 = try LocalServer(["-cert", cert, "-key", key, "-tls1_3"])
        let v6 = try LocalServer(ipv6: ["-cert", cert, "-key", key, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"])
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let saved = directory.appendingPathComponent("observations.json").path
        let result = try CLI.run([
            "127.0.0.1:\(v4.port)", "[::1]:\(v6.port)", "--per-host-connections", "2", "--retries", "0",
            "--save-observations", saved, "--format", "json",
        ])
        #expect(result.status == 1, "\(result.stderr)")  // self-signed certificates are violations
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let observations = try decoder.decode(ObservationSet.self, from: Data(contentsOf: URL(fileURLWithPath: saved)))
        #expect(observations.endpoints.map(\.endpoint) == ["127.0.0.1:\(v4.port)", "[::1]:\(v6.port)"])
        #expect(observations.endpoints.map { $0.cipherSuites.map(\.version) } == [[.tlsv1_3], [.tlsv1_2]])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let subjects = Set((json["findings"] as? [[String: Any]] ?? []).compactMap { $0["subject"] as? String })
        #expect(subjects == ["127.0.0.1:\(v4.port)", "[::1]:\(v6.port)"])
        // -6 keeps the IPv4-only server out of reach, and says so on stderr.
        let ipv6Only = try CLI.run(["-6", "127.0.0.1:\(v4.port)"])
        #expect(ipv6Only.status == 2 && ipv6Only.stderr.contains("IPv6 only"))
        for bad in [["-4", "-6", "127.0.0.1:1"], ["--per-host-connections", "0", "127.0.0.1:1"], ["--retries", "11", "127.0.0.1:1"]] {
            #expect(try CLI.run(bad).status == 64, "\(bad)")
        }
    }
}
