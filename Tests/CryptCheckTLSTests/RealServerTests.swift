import CryptCheckModel
import TestSupport
import Testing

@testable import CryptCheckTLS

/// Real `openssl s_server` instances on 127.0.0.1: what the scanner sees must equal what the
/// server was configured to accept, exactly.
@Suite("Scanning real local servers", .serialized)
struct RealServerTests {
    static let rsaCert = LocalServer.fixtures + "/certs/rsa2048-sha256.pem"
    static let rsaKey = LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem"

    func scan(_ server: LocalServer) -> TLSEndpointObservation {
        TLSScanner(host: "127.0.0.1", port: server.port, timeout: .seconds(5)).scan()
    }

    func accepted(_ observation: TLSEndpointObservation) -> Set<ProtocolVersion> {
        Set(observation.versions.filter { $0.status == .yes }.map(\.version))
    }

    @Test func tls12AEADWithForwardSecrecyAndServerPreference() throws {
        let server = try LocalServer([
            "-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1_2", "-serverpref",
            "-cipher", "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-GCM-SHA256",
        ])
        let observation = scan(server)
        #expect(accepted(observation) == [.tlsv1_2])
        #expect(observation.versions.allSatisfy { !$0.status.isFailure })
        #expect(observation.versions.first == VersionSupport(version: .sslv2, status: .no))
        let suites = try #require(observation.cipherSuites.first { $0.version == .tlsv1_2 })
        #expect(suites.accepted == [CipherSuite(0xC030), CipherSuite(0xC02F), CipherSuite(0x009E)])
        #expect(suites.preference == .server && suites.complete)
        #expect(observation.dhParameters.map(\.primeBits) == [2048])
        #expect(
            observation.certificateChains.first?.certificates.first?.publicKey
                == KeyFacts(algorithm: .rsa, bits: 2048, oid: "1.2.840.113549.1.1.1"))
        #expect(observation.groups?.accepted.contains(NamedGroup(0x0017)) == true)
        #expect(observation.certificateChains.first?.trusted == false)
        #expect(observation.certificateChains.first?.trustFailure == "self-signed certificate")
        #expect(observation.features.contains(FeatureSupport(feature: .secureRenegotiation, status: .yes)))
        #expect(observation.features.contains(FeatureSupport(feature: .compression, status: .no)))
    }

    @Test func tls13OnlyWithClientPreference() throws {
        let server = try LocalServer([
            "-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1_3",
            "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256",
            "-groups", "X25519:P-384:ffdhe3072",
        ])
        let observation = scan(server)
        #expect(accepted(observation) == [.tlsv1_3])
        let suites = try #require(observation.cipherSuites.first { $0.version == .tlsv1_3 })
        #expect(Set(suites.accepted) == [CipherSuite(0x1301), CipherSuite(0x1303)])
        #expect(suites.preference == .client)
        #expect(Set(observation.groups?.accepted ?? []) == [NamedGroup(0x001D), NamedGroup(0x0018), NamedGroup(0x0101)])
        // TLS 1.3 encrypts the certificate: it comes from a full OpenSSL handshake.
        let leaf = try #require(observation.certificateChains.first?.certificates.first)
        #expect(leaf.subject == "CN=rsa2048" && leaf.publicKey.bits == 2048)
        #expect(observation.failures.isEmpty, "\(observation.failures)")
    }

    @Test func aClosedPortIsAFailureNotARefusal() throws {
        let port = try LocalServer.freePort()
        let observation = TLSScanner(host: "127.0.0.1", port: port, timeout: .seconds(2)).scan()
        #expect(observation.versions.allSatisfy { $0.status.isFailure })
        #expect(observation.cipherSuites.isEmpty)
    }
}
