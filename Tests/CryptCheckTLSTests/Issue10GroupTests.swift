import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// Issue 10 items 4, 10 and 11 against real servers: FFDHE groups of DHE suites (followed or
/// fixed), groups behind an ECDSA certificate's curve, through anonymous and PSK suites, and
/// PSK ServerKeyExchanges read right.
@Suite("Issue 10: groups and DHE parameters", .serialized)
struct Issue10GroupTests {
    /// The committed fixture files.
    static let files = LocalServer.fixtures
    /// An RSA certificate and its key from the fixtures.
    static let rsaCert = files + "/certs/rsa2048-sha256.pem", rsaKey = files + "/keys/rsa2048-pkcs1.pem"

    /// Runs the openssl CLI; fails the test if it fails.
    static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl \(arguments.joined(separator: " "))")
    }

    /// A scan of 127.0.0.1:`port` with default settings.
    static func scan(_ port: Int) -> TLSEndpointObservation {
        TLSScanner(host: "127.0.0.1", port: port, timeout: .seconds(5)).scan()
    }

    /// The failures of the suite and group probes (those this suite is about).
    static func groupFailures(_ observation: TLSEndpointObservation) -> [String] {
        observation.failures.filter { $0.contains("groups") || $0.contains("cipher suites") }
    }

    @Test func gnutlsFollowsTheClientsFFDHEGroups() throws {
        let server = try LocalServer(gnutls: [
            "--x509certfile", Self.rsaCert, "--x509keyfile", Self.rsaKey, "--priority",
            "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+DHE-RSA:-GROUP-ALL:+GROUP-FFDHE3072:+GROUP-FFDHE4096",
        ])
        let observation = Self.scan(server.port)
        let groups = try #require(observation.groups)
        #expect(groups.dheGroupSelection == .clientGroups)
        #expect(Set(groups.accepted) == [NamedGroup(0x0101), NamedGroup(0x0102)], "\(groups.accepted.map(\.name))")
        #expect(groups.complete, "\(observation.failures)")
        #expect(observation.dhParameters.contains { $0.knownGroup == "ffdhe3072" })
        #expect(Self.groupFailures(observation).isEmpty, "\(observation.failures)")
    }

    @Test func opensslWithAFixedPrimeNegotiatesNoGroup() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A prime that is no FFDHE group (RFC 3526's 1536-bit MODP group), and the RFC 7919
        // ffdhe2048 prime configured as a fixed one: the second looks like a negotiated group
        // at first sight, but the server ignores the client's list.
        let own = directory.appendingPathComponent("modp1536.pem").path, named = directory.appendingPathComponent("ffdhe2048.pem").path
        try Self.openssl(["genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:modp_1536", "-out", own])
        try Self.openssl(["genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048", "-out", named])
        for (file, bits, known) in [(own, 1536, "modp_1536"), (named, 2048, "ffdhe2048")] as [(String, Int, String?)] {
            let server = try LocalServer([
                "-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1_2", "-dhparam", file,
                "-cipher", "DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0",
            ])
            let observation = Self.scan(server.port)
            let groups = try #require(observation.groups, "\(file)")
            #expect(groups.dheGroupSelection == .fixedPrime, "\(file)")
            #expect(groups.accepted.isEmpty && groups.complete, "\(file): \(groups)")
            #expect(observation.dhParameters == [DHParameterFacts(primeBits: bits, knownGroup: known)], "\(file)")
            #expect(Self.groupFailures(observation).isEmpty, "\(observation.failures)")
        }
    }

    @Test func groupsBehindABrainpoolCertificateAreAllFound() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = directory.appendingPathComponent("bp.key").path, cert = directory.appendingPathComponent("bp.pem").path
        try Self.openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:brainpoolP256r1", "-nodes",
            "-keyout", key, "-out", cert, "-subj", "/CN=bp.example.test", "-days", "30",
        ])
        let server = try LocalServer([
            "-cert", cert, "-key", key, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256",
            "-groups", "brainpoolP256r1:brainpoolP384r1:brainpoolP512r1:P-256",
        ])
        let observation = Self.scan(server.port)
        let groups = try #require(observation.groups)
        // With the certificate's curve gone from the list the server can no longer sign, so
        // the curve stays in every hello; it is picked last, after everything else.
        #expect(
            Set(groups.accepted) == [NamedGroup(0x0017), NamedGroup(0x001A), NamedGroup(0x001B), NamedGroup(0x001C)],
            "\(groups.accepted.map(\.name))")
        #expect(groups.accepted.last == NamedGroup(0x001A))
        #expect(groups.complete, "\(observation.failures)")
    }

    @Test func anonymousOnlyServerShowsItsGroups() throws {
        let server = try LocalServer(["-nocert", "-tls1_2", "-cipher", "aNULL:@SECLEVEL=0", "-groups", "P-384:X25519"])
        let observation = Self.scan(server.port)
        let suites = try #require(observation.cipherSuites.first { $0.version == .tlsv1_2 })
        #expect(
            suites.accepted.contains { $0.info?.keyExchange == .ecdhAnon } && suites.accepted.contains { $0.info?.keyExchange == .dhAnon })
        let groups = try #require(observation.groups)
        #expect(Set(groups.accepted) == [NamedGroup(0x0018), NamedGroup(0x001D)], "\(groups.accepted.map(\.name))")
        #expect(groups.dheGroupSelection == .fixedPrime)  // OpenSSL's automatic DH parameters
        #expect(groups.complete && Self.groupFailures(observation).isEmpty, "\(observation.failures)")
    }

    @Test func pskOnlyServerKeyExchangesAreReadRight() throws {
        let server = try LocalServer([
            "-nocert", "-tls1_2", "-psk", "0123456789abcdef0123456789abcdef", "-psk_hint", "zoo-hint",
            "-cipher", "DHE-PSK-AES128-CBC-SHA256:ECDHE-PSK-AES128-CBC-SHA256:PSK-AES128-CBC-SHA256:@SECLEVEL=0",
            "-groups", "P-256:X25519",
        ])
        let observation = Self.scan(server.port)
        let suites = try #require(observation.cipherSuites.first { $0.version == .tlsv1_2 })
        // The ECDHE_PSK suite is not dropped, and the enumeration is complete.
        #expect(Set(suites.accepted) == [CipherSuite(0x00B2), CipherSuite(0xC037), CipherSuite(0x00AE)], "\(suites.accepted.map(\.name))")
        #expect(suites.complete, "\(observation.failures)")
        // The hint is not read as a prime: OpenSSL's automatic DH group, not a 63-bit one.
        #expect(
            !observation.dhParameters.isEmpty && observation.dhParameters.allSatisfy { $0.primeBits >= 1024 }, "\(observation.dhParameters)"
        )
        let groups = try #require(observation.groups)
        #expect(Set(groups.accepted) == [NamedGroup(0x0017), NamedGroup(0x001D)], "\(groups.accepted.map(\.name))")
        #expect(groups.complete && Self.groupFailures(observation).isEmpty, "\(observation.failures)")
        // PSK suites sign nothing: no scheme is probed, and nothing failed.
        #expect(observation.signatureSchemes.isEmpty && observation.failures.isEmpty, "\(observation.failures)")
    }
}
