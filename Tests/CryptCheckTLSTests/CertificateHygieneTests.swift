import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// The certificate hygiene probe on real servers (openssl s_server, nginx): each check with the
/// case that has it and its twin, and "not observed" when the server drops the connection.
@Suite("Certificate hygiene", .serialized)
struct CertificateHygieneTests {
    func scan(_ port: Int, at time: Date = Date()) throws -> CertificateHygieneObservation {
        var scanner = TLSScanner(host: "127.0.0.1", port: port, timeout: .seconds(4))
        scanner.activeChecks = false
        scanner.verificationTime = time
        let observation = scanner.scan()
        return try #require(observation.certificateHygiene, "\(observation.failures)")
    }

    func serve(_ leaf: (cert: String, key: String), _ pki: HygienePKI, _ extra: [String] = []) throws -> LocalServer {
        try LocalServer(["-cert", leaf.cert, "-key", leaf.key, "-cert_chain", pki.caCert] + extra)
    }

    @Test func goodStapleUnderTLS12And13IsReadAndMatchesTheLeaf() throws {
        let pki = try HygienePKI()
        let leaf = try pki.leaf("good", extensions: HygienePKI.fullExtensions + ["tlsfeature=status_request"])
        let server = try serve(leaf, pki, ["-status_file", try pki.ocsp(for: leaf.cert)])
        let hygiene = try scan(server.port)
        #expect(hygiene.stapling.map(\.version) == [.tlsv1_2, .tlsv1_3])
        for probe in hygiene.stapling {
            #expect(probe.status == .stapled, "\(probe)")
            let response = try #require(probe.response)
            #expect(response.responseStatus == "successful" && response.certificateStatus == .good, "\(response)")
            #expect(response.matchesLeaf == true && response.expired == false, "\(response)")
            #expect(response.producedAt != nil && response.nextUpdate != nil)
        }
        let facts = try #require(hygiene.leaves.first)
        #expect(facts.mustStaple)
        #expect(facts.subjectAltNames == ["DNS:localhost", "IP:127.0.0.1"])
        #expect(facts.crlURIs == ["http://crl.example.test/ca.crl"])
        #expect(facts.ocspURIs == ["http://ocsp.example.test"] && facts.caIssuersURIs == ["http://ca.example.test/ca.cer"])
        #expect(facts.keyUsage == ["digitalSignature"] && facts.extendedKeyUsage == ["serverAuth"])
    }

    @Test func revokedStapleSaysRevoked() throws {
        let pki = try HygienePKI()
        let leaf = try pki.leaf("revoked", extensions: HygienePKI.fullExtensions)
        let server = try serve(leaf, pki, ["-tls1_2", "-status_file", try pki.ocsp(for: leaf.cert, revoked: true)])
        let response = try #require(try scan(server.port).stapling.first?.response)
        #expect(response.certificateStatus == .revoked && response.revokedAt != nil, "\(response)")
    }

    @Test func stapleIsExpiredAfterItsNextUpdate() throws {
        let pki = try HygienePKI()
        let leaf = try pki.leaf("expired", extensions: HygienePKI.fullExtensions)
        let server = try serve(leaf, pki, ["-tls1_2", "-status_file", try pki.ocsp(for: leaf.cert)])
        // The response is good for one day: judged three days on, it is expired.
        let response = try #require(try scan(server.port, at: Date().addingTimeInterval(3 * 86_400)).stapling.first?.response)
        #expect(response.expired == true && response.certificateStatus == .good, "\(response)")
    }

    @Test func stapleForAnotherCertificateDoesNotMatchTheLeaf() throws {
        let pki = try HygienePKI()
        let other = try pki.leaf("other", extensions: HygienePKI.fullExtensions)
        let leaf = try pki.leaf("served", extensions: HygienePKI.fullExtensions)
        let server = try serve(leaf, pki, ["-tls1_2", "-status_file", try pki.ocsp(for: other.cert)])
        let response = try #require(try scan(server.port).stapling.first?.response)
        #expect(response.matchesLeaf == false && response.matchNote?.contains("serial") == true, "\(response)")
    }

    @Test func mustStapleWithoutAStapleIsSeenNotStapled() throws {
        let pki = try HygienePKI()
        let leaf = try pki.leaf("muststaple", extensions: HygienePKI.fullExtensions + ["tlsfeature=status_request"])
        let server = try serve(leaf, pki)
        let hygiene = try scan(server.port)
        #expect(hygiene.leaves.first?.mustStaple == true)
        #expect(hygiene.stapling.count == 2 && hygiene.stapling.allSatisfy { $0.status == .notStapled && $0.leafSHA256 != nil })
    }

    @Test func leafWithoutSANOrRevocationURIsAndItsTwin() throws {
        let pki = try HygienePKI()
        let bare = try pki.leaf("bare", extensions: ["keyUsage=critical,digitalSignature"])
        let bareServer = try serve(bare, pki, ["-tls1_2"])
        let facts = try #require(try scan(bareServer.port).leaves.first)
        #expect(facts.subjectAltNames == nil && facts.crlURIs.isEmpty && facts.ocspURIs.isEmpty && facts.caIssuersURIs.isEmpty)
        #expect(facts.extendedKeyUsage == nil && !facts.mustStaple && !facts.isSelfSigned)
        let full = try pki.leaf("full", extensions: HygienePKI.fullExtensions)
        let twinServer = try serve(full, pki, ["-tls1_2"])
        let twin = try #require(try scan(twinServer.port).leaves.first)
        #expect(twin.subjectAltNames?.isEmpty == false && !twin.crlURIs.isEmpty && !twin.ocspURIs.isEmpty)
    }

    @Test func rsaKeyTransportSuitesAreRecordedWithTheLeafThatForbidsKeyEncipherment() throws {
        let pki = try HygienePKI()
        let leaf = try pki.leaf("ku", extensions: ["keyUsage=critical,digitalSignature", "subjectAltName=DNS:localhost"], rsa: true)
        let server = try serve(leaf, pki, ["-tls1_2", "-cipher", "AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256"])
        let facts = try #require(try scan(server.port).leaves.first)
        #expect(facts.keyUsage == ["digitalSignature"])
        let suites = facts.suites.first { $0.version == .tlsv1_2 }?.suites ?? []
        #expect(suites.contains(CipherSuite(rawValue: 0x009C)) && suites.contains(CipherSuite(rawValue: 0xC02F)), "\(facts.suites)")
    }

    @Test func sctsEmbeddedAndInTheTLSExtensionAreCountedWithTheirLogIDs() throws {
        let pki = try HygienePKI()
        let leaf = try pki.leaf("sct", extensions: HygienePKI.fullExtensions + [HygienePKI.embeddedSCTExtension])
        let server = try serve(leaf, pki, ["-tls1_2", "-serverinfo", try pki.sctServerInfo()])
        let hygiene = try scan(server.port)
        let logID = String(repeating: "11", count: 32)
        #expect(hygiene.leaves.first?.embeddedSCTs.map(\.logID) == [logID], "\(hygiene.leaves)")
        #expect(hygiene.stapling.first?.tlsExtensionSCTs?.map(\.logID) == [logID], "\(hygiene.stapling)")
        // The twin: no SCT anywhere, observed as none (not as unobserved).
        let plain = try pki.leaf("nosct", extensions: HygienePKI.fullExtensions)
        let twinServer = try serve(plain, pki, ["-tls1_2"])
        let twin = try scan(twinServer.port)
        #expect(twin.leaves.first?.embeddedSCTs == [] && twin.stapling.first?.tlsExtensionSCTs == [])
    }

    @Test func sctsInTheStapledOCSPResponseAreReadWithTheirLogIDAndItsTwinHasNone() throws {
        let pki = try HygienePKI()
        let leaf = try pki.leaf("ocspsct", extensions: HygienePKI.fullExtensions)
        // Log ID 0x22…22, not the 0x11…11 of the other sources, so that a mix-up shows.
        let staple = try pki.ocsp(for: leaf.cert, singleResponseSCTs: HygienePKI.syntheticSCTList(logID: 0x22))
        let server = try serve(leaf, pki, ["-status_file", staple])
        let hygiene = try scan(server.port)
        #expect(hygiene.stapling.map(\.version) == [.tlsv1_2, .tlsv1_3])
        let logID = String(repeating: "22", count: 32)
        let timestamp = Date(timeIntervalSince1970: Double(0x018B_CFE5_6800) / 1000)
        for probe in hygiene.stapling {
            #expect(probe.status == .stapled, "\(probe)")
            let response = try #require(probe.response)
            #expect(response.responseStatus == "successful" && response.certificateStatus == .good, "\(response)")
            #expect(response.matchesLeaf == true && response.expired == false && response.failure == nil, "\(response)")
            #expect(response.scts == [SignedCertificateTimestampFacts(logID: logID, timestamp: timestamp)], "\(response)")
            // OpenSSL hands the staple's SCTs to the client too: they must not count as the TLS extension's.
            #expect(probe.tlsExtensionSCTs == [], "\(probe)")
        }
        #expect(hygiene.leaves.first?.embeddedSCTs == [])
        // The twin: the same leaf stapled with `openssl ocsp`'s own response, no extension.
        let twinServer = try serve(leaf, pki, ["-status_file", try pki.ocsp(for: leaf.cert)])
        let twin = try scan(twinServer.port)
        #expect(twin.stapling.count == 2)
        for probe in twin.stapling {
            let response = try #require(probe.response, "\(probe)")
            #expect(response.certificateStatus == .good && response.scts == [] && response.failure == nil, "\(response)")
        }
    }

    /// A list whose length disagrees with its bytes, and a well-framed list whose one SCT (v1)
    /// is cut short of its fixed fields, with the reason OpenSSL gives for each.
    static let malformedSCTLists: [([UInt8], String)] = [
        (
            { () -> [UInt8] in
                var list = HygienePKI.syntheticSCTList(logID: 0x22)
                list[1] += 1
                return list
            }(), "sct list invalid"
        ),
        ([0, 22, 0, 20, 0] + [UInt8](repeating: 0x22, count: 19), "sct invalid"),
    ]

    @Test(arguments: malformedSCTLists)
    func aMalformedSCTListInTheStapleIsAFailureNotNone(list: [UInt8], reason: String) throws {
        let pki = try HygienePKI()
        let leaf = try pki.leaf("badsct", extensions: HygienePKI.fullExtensions)
        let server = try serve(leaf, pki, ["-status_file", try pki.ocsp(for: leaf.cert, singleResponseSCTs: list)])
        let hygiene = try scan(server.port)
        #expect(hygiene.stapling.count == 2)
        for probe in hygiene.stapling {
            #expect(probe.status == .stapled, "\(probe)")
            let response = try #require(probe.response)
            // The response itself still reads as good; only its SCT list failed, and says why.
            #expect(response.certificateStatus == .good && response.matchesLeaf == true && response.failure == nil, "\(response)")
            #expect(response.scts == [] && response.sctFailure?.hasSuffix("CT routines::" + reason) == true, "\(response)")
            #expect(probe.tlsExtensionSCTs == [], "\(probe)")
        }
    }

    @Test func aServerThatDropsTheConnectionIsNotObserved() throws {
        let server = try AttackServer(
            .dropAfterFlight, certificatePEM: LocalServer.fixtures + "/certs/rsa2048-sha256.pem",
            keyPEM: LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem")
        let hygiene = try scan(server.port)
        #expect(!hygiene.stapling.isEmpty)
        for probe in hygiene.stapling {
            #expect(probe.status == .failed && probe.failure != nil && probe.response == nil && probe.tlsExtensionSCTs == nil, "\(probe)")
        }
    }

    @Test func nginxStaplesItsFileAndItsTwinDoesNot() throws {
        let pki = try HygienePKI()
        let leaf = try pki.leaf("nginx", extensions: HygienePKI.fullExtensions)
        let chain = pki.directory.appendingPathComponent("nginx-chain.pem").path
        try (String(contentsOfFile: leaf.cert, encoding: .utf8) + String(contentsOfFile: pki.caCert, encoding: .utf8))
            .write(toFile: chain, atomically: true, encoding: .utf8)
        let staple = try pki.ocsp(for: leaf.cert)
        for stapling in [true, false] {
            let directory = pki.directory.appendingPathComponent("nginx-\(stapling)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let server = try LocalServer.nginx(in: directory) { port in
                """
                server {
                    listen 127.0.0.1:\(port) ssl;
                    ssl_certificate \(chain);
                    ssl_certificate_key \(leaf.key);
                    ssl_protocols TLSv1.2 TLSv1.3;
                    \(stapling ? "ssl_stapling on;\n        ssl_stapling_file \(staple);" : "ssl_stapling off;")
                    return 200 "ok";
                }
                """
            }
            let hygiene = try scan(server.port)
            #expect(hygiene.stapling.count == 2)
            for probe in hygiene.stapling {
                if stapling {
                    #expect(probe.status == .stapled && probe.response?.certificateStatus == .good, "\(probe)")
                    #expect(probe.response?.matchesLeaf == true, "\(probe)")
                } else {
                    #expect(probe.status == .notStapled, "\(probe)")
                }
            }
        }
    }
}
