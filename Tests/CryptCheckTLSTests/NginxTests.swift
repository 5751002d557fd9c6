import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// nginx with an ordinary production TLS configuration (TLS 1.2 and 1.3, ECDHE AEAD suites,
/// client preference), in a temporary prefix on 127.0.0.1.
@Suite("Scanning nginx", .serialized)
struct NginxTests {
    @Test func productionConfiguration() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = LocalServer.fixtures
        let server = try LocalServer.nginx(in: directory) { port in
            """
                server {
                    listen 127.0.0.1:\(port) ssl;
                    ssl_certificate \(files)/certs/rsa2048-sha256.pem;
                    ssl_certificate_key \(files)/keys/rsa2048-pkcs1.pem;
                    ssl_protocols TLSv1.2 TLSv1.3;
                    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
                    ssl_prefer_server_ciphers off;
                    location / { return 204; }
                }
            """
        }
        let observation = TLSScanner(host: "127.0.0.1", port: server.port).scan()
        #expect(Set(observation.versions.filter { $0.status == .yes }.map(\.version)) == [.tlsv1_2, .tlsv1_3])
        let tls12 = try #require(observation.cipherSuites.first { $0.version == .tlsv1_2 })
        #expect(Set(tls12.accepted) == [CipherSuite(0xC02F), CipherSuite(0xC030), CipherSuite(0xCCA8)])
        #expect(tls12.preference == .client)
        let tls13 = try #require(observation.cipherSuites.first { $0.version == .tlsv1_3 })
        #expect(Set(tls13.accepted) == [CipherSuite(0x1301), CipherSuite(0x1302), CipherSuite(0x1303)])
        #expect(observation.certificateChains.count == 1)
        let chain = try #require(observation.certificateChains.first)
        #expect(chain.certificates.first?.subject == "CN=rsa2048")
        #expect(chain.order == .ordered && chain.complete == true && chain.trusted == false)
        #expect(
            observation.signatureSchemes.first { $0.version == .tlsv1_3 }?.accepted
                == [SignatureScheme(0x0804), SignatureScheme(0x0805), SignatureScheme(0x0806)])
        #expect(observation.signatureSchemes.first { $0.version == .tlsv1_2 }?.accepted.contains(SignatureScheme(0x0804)) == true)
        #expect(observation.groups?.accepted.contains(NamedGroup(0x001D)) == true)
        #expect(observation.features.contains(FeatureSupport(feature: .secureRenegotiation, status: .yes)))
        #expect(observation.features.contains(FeatureSupport(feature: .fallbackSCSV, status: .yes)))
        #expect(observation.sslv2CipherKinds.isEmpty && observation.versions.first == VersionSupport(version: .sslv2, status: .no))
        #expect(observation.failures.isEmpty, "\(observation.failures)")
    }
}
