import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckPolicy

/// A suite the server chose and then did not complete the first flight for is never accepted
/// and never a pass: a violation when the suite is one (the configuration enables it), else
/// indeterminate with what was seen.
@Suite("Suites chosen and then not completed")
struct ChosenThenFailedTests {
    static let seen = "ServerHello, then the connection closed (no ServerKeyExchange, ServerHelloDone)"

    static func endpoint() -> TLSEndpointObservation {
        var endpoint = UnobservedFactsTests.complete()
        endpoint.cipherSuites[0] = SuiteEnumeration(
            version: .tlsv1_2, accepted: [CipherSuite(0xC02B)],
            chosenThenFailed: [
                // DHE_RSA with AES-128-GCM: every primitive listed, a pass were it accepted.
                ChosenThenFailed(suite: CipherSuite(0x009E), seen: seen),
                // RSA key transport with AES-128-CBC: Monitored, a violation were it accepted.
                ChosenThenFailed(suite: CipherSuite(0x002F), seen: seen),
            ])
        return endpoint
    }

    @Test func neverAPassAndAViolationStaysOne() throws {
        let findings = Lists.judge("LS-0001-2022").endpointFindings(Self.endpoint())
        func finding(_ code: String) throws -> Finding {
            try #require(findings.first { $0.component == .cipherSuite && $0.item.contains("(\(code))") }, "\(findings.map(\.item))")
        }
        let dhe = try finding("0x009E")
        #expect(dhe.verdict == .indeterminate && dhe.errorCode == .probeChosenThenFailed)
        #expect(dhe.message == "chosen by the server, then the handshake failed: \(Self.seen); not counted as accepted", "\(dhe.message)")
        #expect(dhe.remediationCode == .disableCipherSuite)
        let rsa = try finding("0x002F")
        #expect(rsa.verdict == .violation && rsa.errorCode == .probeChosenThenFailed)
        #expect(rsa.message.hasPrefix("chosen by the server, then the handshake failed: \(Self.seen); the configuration enables it: "))
        // The accepted suite is judged as ever; nothing about the two makes them accepted.
        #expect(try finding("0xC02B").verdict == .pass)
        let passes = findings.filter { $0.component == .cipherSuite && $0.verdict == .pass }.map(\.item)
        #expect(passes.count == 2 && !passes.contains { $0.contains("0x009E") || $0.contains("0x002F") }, "\(passes)")
    }

    @Test func savedObservationsKeepThemAndOldOnesHaveNone() throws {
        let encoded = try JSONEncoder().encode(Self.endpoint().cipherSuites[0])
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.contains("\"chosenThenFailed\""), "\(text)")
        #expect(try JSONDecoder().decode(SuiteEnumeration.self, from: encoded) == Self.endpoint().cipherSuites[0])
        let old = #"{"version":"TLSv1.2","accepted":["0xC02B"],"preference":"server","complete":true}"#
        let decoded = try JSONDecoder().decode(SuiteEnumeration.self, from: Data(old.utf8))
        #expect(decoded.chosenThenFailed == nil && decoded.accepted == [CipherSuite(0xC02B)])
        let none = try JSONEncoder().encode(SuiteEnumeration(version: .tlsv1_2, accepted: []))
        #expect(!String(decoding: none, as: UTF8.self).contains("chosenThenFailed"))
    }
}
