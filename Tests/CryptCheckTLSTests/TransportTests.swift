import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// Every probe of a scan connects through the scanner's transport (issue 13 item 3).
@Suite("Transport")
struct TransportTests {
    static let files = LocalServer.fixtures

    @Test func everyProbeOfAScanConnectsThroughTheInjectedTransport() throws {
        // RSA and ECDSA certificates under TLS 1.2 and 1.3: versions, suites, groups, schemes,
        // chains (TLS 1.3 ones through OpenSSL's full handshake) and features are all probed.
        let server = try LocalServer([
            "-cert", Self.files + "/certs/rsa2048-sha256.pem", "-key", Self.files + "/keys/rsa2048-pkcs1.pem",
            "-dcert", Self.files + "/certs/ec-p256-sha256.pem", "-dkey", Self.files + "/keys/ec-p256-sec1.pem",
        ])
        // The scan is pointed at a server that takes connections and answers nothing; only the
        // transport knows the real one. A probe that bypassed it would connect to the decoy
        // and fail.
        let decoy = try FakeServer { _, _ in }
        let real = try #require(try EndpointAddress.resolve(host: "127.0.0.1", port: server.port, family: .ipv4).first)
        let transport = ObservingTransport(redirect: { _ in real })
        var redirected = TLSScanner(host: "127.0.0.1", port: decoy.port, retries: 0)
        redirected.transport = transport
        let observation = redirected.scan()

        #expect(decoy.connectionCount == 0)
        #expect(transport.connectionCount > 20, "\(transport.connectionCount) connections")
        #expect(observation.failures.isEmpty, "\(observation.failures)")
        let direct = TLSScanner(host: "127.0.0.1", port: server.port, retries: 0).scan()
        #expect(observation.versions == direct.versions)
        #expect(observation.cipherSuites.map(\.accepted) == direct.cipherSuites.map(\.accepted))
        #expect(observation.groups == direct.groups)
        #expect(observation.signatureSchemes == direct.signatureSchemes)
        #expect(observation.features == direct.features)
        let leaves = Set(observation.certificateChains.compactMap { $0.certificates.first?.publicKey.algorithm })
        #expect(leaves == [.rsa, .ec])
        #expect(observation.certificateChains.count == direct.certificateChains.count)
    }

    @Test func anEndpointThatAnswersNothingIsDiagnosedThroughTheTransport() throws {
        // No hello is answered, so the scan ends with the diagnosis probe: it connects through
        // the transport too.
        let silent = try FakeServer { _, _ in }
        let decoy = try FakeServer { _, _ in }
        let real = try #require(try EndpointAddress.resolve(host: "127.0.0.1", port: silent.port, family: .ipv4).first)
        let transport = ObservingTransport(redirect: { _ in real })
        var scanner = TLSScanner(host: "127.0.0.1", port: decoy.port, timeout: .seconds(2), retries: 0)
        scanner.transport = transport
        let observation = scanner.scan()
        #expect(observation.outcome?.kind == .closed, "\(String(describing: observation.outcome))")
        #expect(decoy.connectionCount == 0)
        #expect(transport.connectionCount == silent.connectionCount)
    }
}
