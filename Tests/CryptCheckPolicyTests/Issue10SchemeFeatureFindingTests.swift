import CryptCheckModel
import Testing

@testable import CryptCheckPolicy

/// Issue 10 items 6 and 9 in the judgement: a TLS 1.2 ECDSA scheme is judged on the curve of
/// the certificate, not on the curve its TLS 1.3 name binds; a feature that does not apply is
/// neither a failure nor unknown, while one whose probe failed is unknown.
@Suite("Issue 10: scheme labels and feature statuses in findings")
struct Issue10SchemeFeatureFindingTests {
    static let p256Leaf = Lists.certificate(
        key: KeyFacts(algorithm: .ec, bits: 256, curve: "secp256r1"),
        signature: SignatureAlgorithmFacts(oid: "1.2.840.10045.4.3.2", name: "ecdsa-with-SHA256", scheme: "ecdsa", hash: "sha-256"))

    func endpoint(
        schemes: [SchemeEnumeration], features: [FeatureSupport] = [],
        chains: [CertificateChain] = [CertificateChain(certificates: [p256Leaf], trusted: true, hostnameMatches: true)]
    ) -> TLSEndpointObservation {
        TLSEndpointObservation(
            host: "127.0.0.1", port: 443,
            versions: ProtocolVersion.all.map { VersionSupport(version: $0, status: $0 >= .tlsv1_2 ? .yes : .no) },
            cipherSuites: [
                SuiteEnumeration(version: .tlsv1_2, accepted: [CipherSuite(0xC02B)]),
                SuiteEnumeration(version: .tlsv1_3, accepted: [CipherSuite(0x1301)]),
            ],
            groups: GroupEnumeration(accepted: [NamedGroup(0x0017)]),
            signatureSchemes: schemes, certificateChains: chains, features: features)
    }

    func schemeFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        Lists.judge("LS-0001-2022").endpointFindings(endpoint).filter { $0.component == .signatureScheme }
    }

    @Test func aTLS12ECDSASchemeIsNamedWithoutACurveAndJudgedOnTheCertificateCurve() throws {
        let findings = schemeFindings(endpoint(schemes: [SchemeEnumeration(version: .tlsv1_2, accepted: [SignatureScheme(0x0603)])]))
        let finding = try #require(findings.first)
        #expect(finding.item == "ecdsa_sha512 (0x0603)" && finding.context == "TLSv1.2")
        let ecdsa = try #require(finding.primitives.first { $0.primitive == "ecdsa" })
        #expect(ecdsa.detail?.contains("P-256") == true, "\(ecdsa)")
        #expect(!finding.message.contains("P-521") && ecdsa.detail?.contains("P-521") != true)
    }

    @Test func aTLS13ECDSASchemeNamesAndIsJudgedOnItsOwnCurve() throws {
        let findings = schemeFindings(endpoint(schemes: [SchemeEnumeration(version: .tlsv1_3, accepted: [SignatureScheme(0x0603)])]))
        let finding = try #require(findings.first)
        #expect(finding.item == "ecdsa_secp521r1_sha512 (0x0603)" && finding.context == "TLSv1.3")
        let ecdsa = try #require(finding.primitives.first { $0.primitive == "ecdsa" })
        #expect(ecdsa.detail?.contains("P-521") == true, "\(ecdsa)")
    }

    @Test func aTLS12SchemeBindsNoCurveWhenTheCertificateCurvesDiffer() throws {
        let p384Leaf = Lists.certificate(
            key: KeyFacts(algorithm: .ec, bits: 384, curve: "secp384r1"),
            signature: Self.p256Leaf.signature, subject: "CN=p384")
        let observation = endpoint(
            schemes: [SchemeEnumeration(version: .tlsv1_2, accepted: [SignatureScheme(0x0403)])],
            chains: [CertificateChain(certificates: [Self.p256Leaf]), CertificateChain(certificates: [p384Leaf])])
        let finding = try #require(schemeFindings(observation).first)
        let ecdsa = try #require(finding.primitives.first { $0.primitive == "ecdsa" })
        #expect(ecdsa.detail == nil, "\(ecdsa)")
        #expect(finding.item == "ecdsa_sha256 (0x0403)")
    }

    @Test func aFeatureThatDoesNotApplyIsNeitherAFailureNorUnknown() {
        let features = [
            FeatureSupport(feature: .encryptThenMAC, status: .notApplicable(reason: "the server accepts no CBC suite")),
            FeatureSupport(feature: .fallbackSCSV, status: .notApplicable(reason: "one protocol version accepted")),
        ]
        let schemes = [
            SchemeEnumeration(version: .tlsv1_2, accepted: [SignatureScheme(0x0403)]),
            SchemeEnumeration(version: .tlsv1_3, accepted: [SignatureScheme(0x0403)]),
        ]
        let findings = Lists.judge("LS-0001-2022").endpointFindings(endpoint(schemes: schemes, features: features))
        // (The attacks, CRIME's compression among them, are judged in PassiveAttackTests.)
        let judged = findings.filter { $0.component != .attack }
        #expect(!judged.contains { $0.verdict == .indeterminate }, "\(judged.filter { $0.verdict == .indeterminate })")
        #expect(!findings.contains { $0.verdict == .violation && $0.component == .feature })
    }

    @Test func aFeatureWhoseProbeFailedIsIndeterminate() throws {
        let features = [FeatureSupport(feature: .encryptThenMAC, status: .failed(reason: "connection reset"))]
        let schemes = [
            SchemeEnumeration(version: .tlsv1_2, accepted: [SignatureScheme(0x0403)]),
            SchemeEnumeration(version: .tlsv1_3, accepted: [SignatureScheme(0x0403)]),
        ]
        let findings = Lists.judge("LS-0001-2022").endpointFindings(endpoint(schemes: schemes, features: features))
        let unknown = try #require(findings.first { $0.component == .feature })
        #expect(unknown.verdict == .indeterminate && unknown.item == "encrypt-then-mac")
    }

    /// An empty list marked complete (as older scans saved it) is not an answer.
    @Test func anEmptyCompleteSchemeListIsIndeterminate() throws {
        let schemes = [
            SchemeEnumeration(version: .tlsv1_2, accepted: [], complete: true),
            SchemeEnumeration(version: .tlsv1_3, accepted: [SignatureScheme(0x0403)]),
        ]
        let findings = schemeFindings(endpoint(schemes: schemes))
        let unknown = try #require(findings.first { $0.verdict == .indeterminate })
        #expect(unknown.context == "TLSv1.2" && findings.count == 2)
    }
}
