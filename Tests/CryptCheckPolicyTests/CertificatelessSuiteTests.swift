import CryptCheckModel
import Testing

@testable import CryptCheckPolicy

/// A server that accepts only anonymous or PSK suites signs nothing and sends no certificate:
/// neither signature schemes nor a chain are missing observations there.
@Suite("Certificate-less suites")
struct CertificatelessSuiteTests {
    static func endpoint(_ suites: [UInt16]) -> TLSEndpointObservation {
        TLSEndpointObservation(
            host: "127.0.0.1", port: 443,
            versions: ProtocolVersion.all.map { VersionSupport(version: $0, status: $0 == .tlsv1_2 ? .yes : .no) },
            cipherSuites: [SuiteEnumeration(version: .tlsv1_2, accepted: suites.map { CipherSuite($0) })],
            groups: GroupEnumeration(accepted: [NamedGroup(0x001D)], dheGroupSelection: .fixedPrime),
            dhParameters: [DHParameterFacts(primeBits: 2048, knownGroup: "ffdhe2048")])
    }

    @Test func suiteKindsSayWhetherTheySignAndCarryACertificate() throws {
        let cases: [(UInt16, signs: Bool, certificate: Bool)] = [
            (0xC02F, true, true), (0x009E, true, true), (0x002F, false, true), (0xC037, false, false), (0x00B2, false, false),
            (0x00AE, false, false), (0x0034, false, false), (0xC018, false, false), (0xC01E, true, true), (0x0031, false, true),
        ]
        for (code, signs, certificate) in cases {
            let info = try #require(CipherSuite(code).info, "\(code)")
            #expect(info.signsKeyExchange == signs && info.usesCertificate == certificate, "\(CipherSuite(code).name)")
        }
    }

    @Test func pskAndAnonymousOnlyServersMissNothing() {
        for suites in [[0xC037, 0x00B2, 0x00AE], [0x0034, 0xC018]] as [[UInt16]] {
            // (The attacks are judged in PassiveAttackTests.)
            let findings = Lists.judge("LS-0001-2022").endpointFindings(Self.endpoint(suites)).filter { $0.component != .attack }
            #expect(
                !findings.contains { $0.verdict == .indeterminate }, "\(findings.filter { $0.verdict == .indeterminate }.map(\.message))")
            #expect(findings.contains { $0.component == .certificate && $0.verdict == .notApplicable })
        }
        // With a certificate suite among them, a missing chain and missing schemes are still unknown.
        let findings = Lists.judge("LS-0001-2022").endpointFindings(Self.endpoint([0xC037, 0xC02F]))
        #expect(findings.contains { $0.component == .certificate && $0.verdict == .indeterminate })
        #expect(findings.contains { $0.component == .signatureScheme && $0.verdict == .indeterminate })
    }
}
