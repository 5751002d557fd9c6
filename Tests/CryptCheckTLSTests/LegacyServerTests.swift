import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// More real server configurations: legacy versions and ciphers, weak DH, ECDSA, Ed25519 and a
/// chain with an intermediate.
@Suite("Scanning legacy and non-RSA local servers", .serialized)
struct LegacyServerTests {
    static let files = LocalServer.fixtures

    func scan(_ server: LocalServer) -> TLSEndpointObservation {
        TLSScanner(host: "127.0.0.1", port: server.port, timeout: .seconds(5)).scan()
    }

    func suites(_ observation: TLSEndpointObservation, _ version: ProtocolVersion) -> Set<CipherSuite> {
        Set(observation.cipherSuites.first { $0.version == version }?.accepted ?? [])
    }

    @Test func legacyTLS10And11WithCBCAndRSAKeyTransport() throws {
        let server = try LocalServer([
            "-cert", Self.files + "/certs/rsa2048-sha256.pem", "-key", Self.files + "/keys/rsa2048-pkcs1.pem",
            "-min_protocol", "TLSv1", "-max_protocol", "TLSv1.1",
            "-cipher", "AES128-SHA:ECDHE-RSA-AES256-SHA:@SECLEVEL=0",
        ])
        let observation = scan(server)
        #expect(Set(observation.versions.filter { $0.status == .yes }.map(\.version)) == [.tlsv1_0, .tlsv1_1])
        // (Debian's OpenSSL 3 has no 3DES or RC4 at all; those are tested against gnutls-serv.)
        let expected: Set<CipherSuite> = [CipherSuite(0x002F), CipherSuite(0xC014)]
        #expect(suites(observation, .tlsv1_0) == expected)
        #expect(suites(observation, .tlsv1_1) == expected)
        #expect(observation.features.contains(FeatureSupport(feature: .fallbackSCSV, status: .yes)))
    }

    @Test func dheWithA1024BitGroup() throws {
        let params = FileManager.default.temporaryDirectory.appendingPathComponent("dh1024-\(UUID().uuidString).pem").path
        defer { try? FileManager.default.removeItem(atPath: params) }
        let generate = Process()
        generate.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        generate.arguments = ["genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "dh_rfc5114:1", "-out", params]
        try generate.run()
        generate.waitUntilExit()
        let server = try LocalServer([
            "-cert", Self.files + "/certs/rsa2048-sha256.pem", "-key", Self.files + "/keys/rsa2048-pkcs1.pem",
            "-tls1_2", "-dhparam", params, "-cipher", "DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0",
        ])
        let observation = scan(server)
        #expect(suites(observation, .tlsv1_2) == [CipherSuite(0x009E)])
        #expect(observation.dhParameters == [DHParameterFacts(primeBits: 1024, knownGroup: "rfc5114-1")])
    }

    @Test func ecdsaP384Certificate() throws {
        let server = try LocalServer([
            "-cert", Self.files + "/certs/ec-p384-sha384.pem", "-key", Self.files + "/keys/ec-p384-pkcs8.pem",
            "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-SHA256",
        ])
        let observation = scan(server)
        #expect(suites(observation, .tlsv1_2) == [CipherSuite(0xC02C), CipherSuite(0xC023)])
        let leaf = try #require(observation.certificateChains.first?.certificates.first)
        #expect(leaf.publicKey.curve == "secp384r1" && leaf.signature.hash == "sha-384")
        #expect(observation.signatureSchemes.first { $0.version == .tlsv1_2 }?.accepted.contains(SignatureScheme(0x0503)) == true)
    }

    @Test func ed25519CertificateSignsWithEd25519() throws {
        let server = try LocalServer([
            "-cert", Self.files + "/certs/ed25519.pem", "-key", Self.files + "/keys/ed25519.pem",
            "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256",
        ])
        let observation = scan(server)
        #expect(suites(observation, .tlsv1_2) == [CipherSuite(0xC02B)])
        #expect(observation.signatureSchemes.first { $0.version == .tlsv1_2 }?.accepted == [SignatureScheme(0x0807)])
        #expect(observation.certificateChains.first?.certificates.first?.publicKey.algorithm == .ed25519)
    }

    @Test func chainWithAnIntermediateArrivesInOrder() throws {
        let bundle = try String(contentsOfFile: Self.files + "/certs/chain-bundle.pem", encoding: .utf8)
        let blocks = bundle.components(separatedBy: "-----END CERTIFICATE-----").dropLast().map { $0 + "-----END CERTIFICATE-----\n" }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try blocks[0].write(to: directory.appendingPathComponent("leaf.pem"), atomically: true, encoding: .utf8)
        try blocks[1].write(to: directory.appendingPathComponent("int.pem"), atomically: true, encoding: .utf8)
        let server = try LocalServer([
            "-cert", directory.appendingPathComponent("leaf.pem").path,
            "-key", Self.files + "/keys/rsa2048-pkcs1.pem",
            "-cert_chain", directory.appendingPathComponent("int.pem").path,
            "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256",
        ])
        let chain = try #require(scan(server).certificateChains.first)
        #expect(chain.certificates.map(\.subject) == ["CN=leaf.example.test", "CN=Fixture Intermediate CA"])
        #expect(chain.certificates[0].issuer == chain.certificates[1].subject)
        // Without the private root it is untrusted, and the leaf does not name 127.0.0.1.
        #expect(chain.trusted == false && chain.trustFailure == "unable to get local issuer certificate")
        #expect(chain.hostnameMatches == false)
        // With the root as --ca-file and the leaf's DNS name, both hold.
        try blocks[2].write(to: directory.appendingPathComponent("root.pem"), atomically: true, encoding: .utf8)
        var scanner = TLSScanner(host: "127.0.0.1", port: server.port, serverName: "leaf.example.test")
        scanner.caFile = directory.appendingPathComponent("root.pem").path
        let verified = try #require(scanner.scan().certificateChains.first)
        #expect(verified.trusted == true && verified.trustFailure == nil && verified.hostnameMatches == true)
    }

    @Test func gnutlsOffersWhatOpenSSL3CannotRC4And3DES() throws {
        let server = try LocalServer(gnutls: [
            "--x509certfile", Self.files + "/certs/rsa2048-sha256.pem", "--x509keyfile", Self.files + "/keys/rsa2048-pkcs1.pem",
            "--priority",
            "NONE:+VERS-TLS1.2:+VERS-TLS1.0:+RSA:+3DES-CBC:+ARCFOUR-128:+AES-128-CBC:+SHA1:+COMP-NULL:+SIGN-ALL:+GROUP-ALL:%SERVER_PRECEDENCE",
        ])
        let observation = scan(server)
        #expect(Set(observation.versions.filter { $0.status == .yes }.map(\.version)) == [.tlsv1_0, .tlsv1_2])
        for version in [ProtocolVersion.tlsv1_0, .tlsv1_2] {
            let enumeration = try #require(observation.cipherSuites.first { $0.version == version })
            #expect(enumeration.accepted == [CipherSuite(0x000A), CipherSuite(0x0005), CipherSuite(0x002F)], "\(version)")
            #expect(enumeration.preference == .server)
        }
    }
}
