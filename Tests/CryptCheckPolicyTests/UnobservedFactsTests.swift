import CryptCheckModel
import Testing

@testable import CryptCheckPolicy

/// Saved observations with facts missing: each missing fact is indeterminate, never a pass.
@Suite("Missing facts in saved observations are indeterminate")
struct UnobservedFactsTests {
    static let leaf = Lists.certificate(
        key: KeyFacts(algorithm: .ec, bits: 256, curve: "secp256r1"),
        signature: SignatureAlgorithmFacts(
            oid: "1.2.840.10045.4.3.2", name: "ecdsa-with-SHA256",
            scheme: "ecdsa", hash: "sha-256"))

    /// A complete TLS 1.2 + 1.3 observation of a modern server: nothing undecided.
    static func complete() -> TLSEndpointObservation {
        TLSEndpointObservation(
            host: "127.0.0.1", port: 443,
            versions: ProtocolVersion.all.map { VersionSupport(version: $0, status: $0 >= .tlsv1_2 ? .yes : .no) },
            cipherSuites: [
                SuiteEnumeration(version: .tlsv1_2, accepted: [CipherSuite(0xC02B)]),
                SuiteEnumeration(version: .tlsv1_3, accepted: [CipherSuite(0x1301)]),
            ],
            groups: GroupEnumeration(accepted: [NamedGroup(0x0017)]),
            signatureSchemes: [
                SchemeEnumeration(version: .tlsv1_2, accepted: [SignatureScheme(0x0403)]),
                SchemeEnumeration(version: .tlsv1_3, accepted: [SignatureScheme(0x0403)]),
            ],
            certificateChains: [CertificateChain(certificates: [leaf], trusted: true, hostnameMatches: true)],
            features: [FeatureSupport(feature: .compression, status: .no)])
    }

    static func undecided(_ endpoint: TLSEndpointObservation) -> [String] {
        Lists.judge("LS-0001-2022").endpointFindings(endpoint).filter { $0.verdict == .indeterminate }.map(\.message)
    }

    @Test func theCompleteObservationHasNothingUndecided() {
        #expect(Self.undecided(Self.complete()).isEmpty, "\(Self.undecided(Self.complete()))")
    }

    @Test func eachMissingFactIsIndeterminate() {
        var missingVersion = Self.complete()
        missingVersion.versions.removeAll { $0.version == .tlsv1_0 }
        // The attacks that apply to TLS 1.0 cannot be decided without it either.
        #expect(
            Self.undecided(missingVersion)
                == ["TLSv1.0 was not probed"]
                + ["SWEET32", "RC4 biases", "FREAK", "BEAST", "LUCKY13", "Logjam"].map {
                    "\($0): not decided: TLSv1.0 was not probed"
                })
        for version in [ProtocolVersion.tlsv1_2, .tlsv1_3] {
            var missingSchemes = Self.complete()
            missingSchemes.signatureSchemes.removeAll { $0.version == version }
            #expect(Self.undecided(missingSchemes) == ["the signature schemes under \(version.name) were not observed"])
        }
        var emptyChain = Self.complete()
        emptyChain.certificateChains[0].certificates = []
        #expect(Self.undecided(emptyChain) == ["the chain holds no certificate"])
        var untested = Self.complete()
        untested.certificateChains[0].trusted = nil
        untested.certificateChains[0].hostnameMatches = nil
        #expect(
            Set(Self.undecided(untested)) == [
                "whether the chain verifies to a trusted root was not checked",
                "whether the certificate names the host was not checked",
            ])
    }

    @Test func nothingObservedIsNotConformant() {
        let empty = Evaluator.evaluate(
            ObservationSet(tool: "t", observedAt: .init(timeIntervalSince1970: 0)),
            policies: [Lists.policy("LS-0001-2022")])
        #expect(empty.findings.isEmpty)
        #expect(EvaluationOutcome(empty.summary, failOn: .info) == .incomplete)
    }
}
