import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckPolicy

/// The certificate-hygiene rule on observations made by hand: what was not observed is never a
/// pass, and each flaw is a violation that says what was seen.
@Suite("Certificate hygiene rule")
struct CertificateHygieneRuleTests {
    static func leaf(
        mustStaple: Bool = false, names: [String]? = ["DNS:example.test"], crl: [String] = ["http://crl.example.test/a.crl"],
        keyUsage: [String]? = nil, selfSigned: Bool = false, suites: [LeafSuiteUse] = []
    ) -> LeafCertificateHygiene {
        LeafCertificateHygiene(
            sha256Fingerprint: String(repeating: "ab", count: 32), subject: "CN=example.test", isSelfSigned: selfSigned,
            subjectAltNames: names, mustStaple: mustStaple, crlURIs: crl, ocspURIs: [], caIssuersURIs: [], keyUsage: keyUsage,
            extendedKeyUsage: nil, embeddedSCTs: [], suites: suites)
    }

    static func findings(_ hygiene: CertificateHygieneObservation?) -> [Finding] {
        var endpoint = PassiveAttackTests.modern
        endpoint.certificateHygiene = hygiene
        return Lists.judge("LS-0001-2022").endpointFindings(endpoint).filter { $0.component == .certificateHygiene }
    }

    static func verdict(_ item: String, _ findings: [Finding]) -> Verdict? { findings.first { $0.item == item }?.verdict }

    @Test func notProbedMakesNoFindingsLikeTheActiveChecks() {
        #expect(Self.findings(nil).isEmpty)
    }

    @Test func withoutAnyStaplingHandshakeSCTsAreNotDecided() {
        let findings = Self.findings(CertificateHygieneObservation(leaves: [Self.leaf()]))
        #expect(Self.verdict("certificate-transparency", findings) == .indeterminate)
    }

    @Test func aFailedHandshakeLeavesStaplingAndMustStapleUndecided() {
        let failed = OCSPStaplingProbe(version: .tlsv1_2, status: .failed, failure: "closed", failureCode: .handshakeClosed)
        let findings = Self.findings(CertificateHygieneObservation(leaves: [Self.leaf(mustStaple: true)], stapling: [failed]))
        #expect(Self.verdict("ocsp-stapling", findings) == .indeterminate)
        #expect(Self.verdict("must-staple", findings) == .indeterminate)
        #expect(findings.first { $0.item == "ocsp-stapling" }?.errorCode == .handshakeClosed)
    }

    @Test func aStapleWhoseLeafCouldNotBeComparedIsNotAPass() {
        let response = StapledOCSPResponse(
            responseStatus: "successful", certificateStatus: .good, thisUpdate: Date(), expired: false, matchesLeaf: nil,
            matchNote: "the issuer was not sent")
        let probe = OCSPStaplingProbe(
            version: .tlsv1_2, status: .stapled, leafSHA256: String(repeating: "ab", count: 32), response: response, tlsExtensionSCTs: [])
        let findings = Self.findings(CertificateHygieneObservation(leaves: [Self.leaf()], stapling: [probe]))
        #expect(Self.verdict("ocsp-stapling", findings) == .indeterminate)
    }

    /// A TLS 1.2 handshake that got `response` stapled and no SCT in the TLS extension.
    static func stapled(_ response: StapledOCSPResponse) -> CertificateHygieneObservation {
        let probe = OCSPStaplingProbe(
            version: .tlsv1_2, status: .stapled, leafSHA256: String(repeating: "ab", count: 32), response: response, tlsExtensionSCTs: [])
        return CertificateHygieneObservation(leaves: [Self.leaf()], stapling: [probe])
    }

    static let goodStaple = StapledOCSPResponse(
        responseStatus: "successful", certificateStatus: .good, thisUpdate: Date(), expired: false, matchesLeaf: true)

    @Test func sctsOnlyInTheOCSPStapleAreSCTsPresentAndItsTwinHasNone() {
        var response = Self.goodStaple
        response.scts = [SignedCertificateTimestampFacts(logID: String(repeating: "22", count: 32), timestamp: Date())]
        let finding = Self.findings(Self.stapled(response)).first { $0.item == "certificate-transparency" }
        #expect(finding?.verdict == .pass)
        #expect(finding?.message.contains("1 SCT, not verified") == true, "\(String(describing: finding?.message))")
        #expect(finding?.message.contains("1 in the OCSP staple under TLSv1.2 (log IDs 2222222222222222)") == true)
        let twin = Self.findings(Self.stapled(Self.goodStaple)).first { $0.item == "certificate-transparency" }
        #expect(twin?.verdict == .pass && twin?.message.contains("no SCTs") == true, "\(String(describing: twin?.message))")
    }

    @Test func anUnreadableSCTListInTheStapleLeavesTransparencyUndecidedAndTheStapleGood() {
        var response = Self.goodStaple
        response.sctFailure = "decoding the SCT list of the single response's extension failed"
        let findings = Self.findings(Self.stapled(response))
        let transparency = findings.first { $0.item == "certificate-transparency" }
        #expect(transparency?.verdict == .indeterminate)
        #expect(transparency?.message.contains("the OCSP staple under TLSv1.2: decoding the SCT list") == true)
        #expect(Self.verdict("ocsp-stapling", findings) == .pass)
    }

    @Test func selfSignedLeafHasNoRevocationToCheckAndAnIssuedOneMust() {
        let selfSigned = Self.findings(CertificateHygieneObservation(leaves: [Self.leaf(crl: [], selfSigned: true)]))
        #expect(Self.verdict("revocation-uris", selfSigned) == .notApplicable)
        let issued = Self.findings(CertificateHygieneObservation(leaves: [Self.leaf(crl: [])]))
        #expect(Self.verdict("revocation-uris", issued) == .violation)
    }

    @Test func keyUsageNeedsFollowTheKeyExchange() {
        let suites = [
            LeafSuiteUse(version: .tlsv1_2, suites: [CipherSuite(rawValue: 0x009C), CipherSuite(rawValue: 0xC02F)]),
            LeafSuiteUse(version: .tlsv1_3, suites: [CipherSuite(rawValue: 0x1301)]),
        ]
        let encipherOnly = Self.findings(CertificateHygieneObservation(leaves: [Self.leaf(keyUsage: ["keyEncipherment"], suites: suites)]))
        let finding = encipherOnly.first { $0.item == "key-usage" }
        #expect(finding?.verdict == .violation)
        #expect(finding?.message.contains("lacks digitalSignature") == true, "\(String(describing: finding?.message))")
        #expect(finding?.message.contains("TLS_AES_128_GCM_SHA256 under TLSv1.3") == true)
        #expect(finding?.message.contains("TLS_RSA_WITH_AES_128_GCM_SHA256") == false)
        let both = Self.findings(
            CertificateHygieneObservation(leaves: [Self.leaf(keyUsage: ["digitalSignature", "keyEncipherment"], suites: suites)]))
        #expect(Self.verdict("key-usage", both) == .pass)
    }
}
