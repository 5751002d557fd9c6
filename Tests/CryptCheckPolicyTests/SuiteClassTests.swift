import CryptCheckModel
import Testing

@testable import CryptCheckPolicy

@Suite("One suite per class")
struct SuiteClassTests {
    func judge(_ code: UInt16, _ list: String = "LS-0001-2012R0", asOf: String = "2026-11-30") -> Finding {
        Lists.judge(list, asOf: asOf).suiteFinding(CipherSuite(code), version: .tlsv1_2, subject: "127.0.0.1:443")
    }

    @Test func aeadWithForwardSecrecyPasses() {
        let finding = judge(0xC02F)
        #expect(finding.verdict == .pass && finding.listStatus == .recommended && finding.severity == .info)
        #expect(Set(finding.primitives.map(\.primitive)) == ["ecdh", "rsassa-pkcs1-v1_5", "aes", "gcm"])
        #expect(finding.primitives.allSatisfy { $0.status == .recommended })
    }

    @Test func rsaKeyTransportIsMonitored() {
        let finding = judge(0x009C)
        #expect(finding.verdict == .violation && finding.listStatus == .monitored && finding.severity == .medium)
        #expect(finding.decidingPrimitive == "rsaes-pkcs1-v1_5")
        #expect(finding.remediation?.contains("forward secrecy") == true)
    }

    @Test func tripleDESChangesBetweenEditionsAndAt2031() {
        let in2013 = judge(0xC012)  // ECDHE-RSA-3DES-EDE-CBC-SHA
        #expect(in2013.primitives.first { $0.primitive == "3des" }?.status == .recommended)
        #expect(in2013.listStatus == .monitored)  // its HMAC-SHA-1 is monitored
        let in2022 = judge(0xC012, "LS-0001-2022")
        #expect(in2022.primitives.first { $0.primitive == "3des" }?.status == .monitored)
        #expect(judge(0xC012, asOf: "2030-12-31").strength?.meets == true)
        #expect(judge(0xC012, asOf: "2031-01-01").strength?.meets == false)
    }

    @Test func rc4IsMonitoredIn2013AndNotListedIn2022() {
        #expect(judge(0x0005).listStatus == .monitored)
        let in2022 = judge(0x0005, "LS-0001-2022")
        #expect(in2022.listStatus == .notListed && in2022.severity == .high && in2022.decidingPrimitive == "rc4")
    }

    @Test func exportNullAndAnonymousAreCritical() {
        for code: UInt16 in [0x0003, 0x0002, 0x0034] {
            let finding = judge(code)
            #expect(finding.verdict == .violation && finding.severity == .critical, "\(CipherSuite(code))")
        }
        #expect(judge(0x0003).primitives.contains { $0.primitive == "rc4" && $0.status == .notListed })
        #expect(judge(0x0034).primitives.contains { $0.primitive == "anonymous" && $0.status == .notListed })
    }

    @Test func ariaAndSeedAreNotListed() {
        for code: UInt16 in [0xC05C, 0x0096] {
            let finding = judge(code)
            #expect(finding.verdict == .violation && finding.listStatus == .notListed && finding.severity == .high)
        }
        #expect(judge(0xC05C).decidingPrimitive == "aria")
        #expect(judge(0x0096).decidingPrimitive == "seed")
    }

    @Test func chachaUnderEachRevision() {
        let original = judge(0xCCA8, "LS-0001-2012R0")
        #expect(original.verdict == .violation && original.listStatus == .notListed)
        let r8 = judge(0xCCA8, "LS-0001-2012R8")
        #expect(r8.verdict == .pass && r8.listStatus == .candidate && r8.severity == .low && r8.evidence == .unconfirmed)
        let current = judge(0xCCA8, "LS-0001-2022")
        #expect(current.verdict == .pass && current.listStatus == .recommended && current.evidence == .unconfirmed)
    }

    @Test func unknownSuiteIsIndeterminateNotPass() {
        #expect(judge(0x7777).verdict == .indeterminate)
    }
}

@Suite("Certificates and other observations")
struct ObservationJudgementTests {
    @Test func ed25519CertificateDiffersBetween2013And2022() {
        let certificate = Lists.certificate(key: KeyFacts(algorithm: .ed25519), signature: Lists.ed25519Signature)
        func findings(_ list: String) -> [Finding] {
            Lists.judge(list).certificateFindings(certificate, subject: "c.pem", context: "leaf", isLeaf: true)
        }
        let old = findings("LS-0001-2012R0"), new = findings("LS-0001-2022")
        #expect(old.first { $0.component == .certificateSignature }?.verdict == .violation)
        #expect(old.first { $0.component == .certificateKey }?.listStatus == .notListed)
        #expect(new.first { $0.component == .certificateSignature }?.verdict == .pass)
        #expect(new.first { $0.component == .certificateKey }?.verdict == .pass)
        // EdDSA on the 2022 list is a secondary-source fact [S]: the verdict must say so.
        #expect(new.first { $0.component == .certificateSignature }?.evidence == .secondary)
    }

    @Test func sha1SignedAndExpiredCertificates() {
        let sha1 = SignatureAlgorithmFacts(
            oid: "1.2.840.113549.1.1.5", name: "sha1WithRSAEncryption",
            scheme: "rsassa-pkcs1-v1_5", hash: "sha-1")
        let certificate = Lists.certificate(key: KeyFacts(algorithm: .rsa, bits: 2048), signature: sha1, notAfter: "2025-01-01")
        let findings = Lists.judge("LS-0001-2012R0").certificateFindings(certificate, subject: "c", context: "leaf", isLeaf: true)
        let signature = findings.first { $0.component == .certificateSignature }!
        #expect(signature.verdict == .violation && signature.strength?.strengthBits == 80)
        #expect(findings.first { $0.component == .certificateValidity }?.verdict == .violation)
        #expect(findings.first { $0.component == .certificateKey }?.verdict == .pass)
    }

    @Test func validityIsJudgedByCalendarDay() {
        let key = KeyFacts(algorithm: .ec, bits: 256, curve: "secp256r1")
        let signature = SignatureAlgorithmFacts(oid: "1.2.840.10045.4.3.2", name: "ecdsa-with-SHA256", scheme: "ecdsa", hash: "sha-256")
        var certificate = Lists.certificate(key: key, signature: signature)
        certificate.notBefore = Lists.day("2026-11-30").addingTimeInterval(19 * 3600)
        certificate.notAfter = Lists.day("2027-01-01").addingTimeInterval(3600)
        func validity(_ day: String) -> Verdict? {
            Lists.judge("LS-0001-2022", asOf: day).certificateFindings(certificate, subject: "c", context: "leaf", isLeaf: true)
                .first { $0.component == .certificateValidity }?.verdict
        }
        #expect(validity("2026-11-29") == .violation)
        #expect(validity("2026-11-30") == .pass)
        #expect(validity("2027-01-01") == .pass)
        #expect(validity("2027-01-02") == .violation)
    }

    @Test func untrustedChainsAndHostnameMismatchesAreViolations() {
        let certificate = Lists.certificate(key: KeyFacts(algorithm: .rsa, bits: 2048), signature: Lists.sha256WithRSA)
        let judge = Lists.judge("LS-0001-2022")
        let bad = judge.trustFindings(
            CertificateChain(
                certificates: [certificate], trusted: false,
                trustFailure: "self-signed certificate", hostnameMatches: false),
            subject: "e", context: "chain 1")
        #expect(bad.map(\.verdict) == [.violation, .violation] && bad.allSatisfy { $0.severity == .high })
        #expect(bad[0].message == "not trusted: self-signed certificate" && bad[0].basis?.revision == "RFC 5280 6")
        let good = judge.trustFindings(
            CertificateChain(certificates: [certificate], trusted: true, hostnameMatches: true),
            subject: "e", context: "chain 1")
        #expect(good.map(\.verdict) == [.pass, .pass])
        #expect(judge.trustFindings(CertificateChain(certificates: [certificate]), subject: "e", context: "c").isEmpty)
    }

    @Test func chainOrderAndCompletenessAreJudged() {
        let certificate = Lists.certificate(key: KeyFacts(algorithm: .rsa, bits: 2048), signature: Lists.sha256WithRSA)
        let judge = Lists.judge("LS-0001-2022")
        let broken = judge.trustFindings(
            CertificateChain(
                certificates: [certificate], order: .outOfOrder, complete: false,
                missingIssuer: "CN=Some Intermediate"),
            subject: "e", context: "chain 1")
        #expect(broken.map(\.item) == ["chain order", "chain completeness"])
        #expect(broken.map(\.verdict) == [.violation, .violation])
        #expect(broken.map(\.severity) == [.medium, .high])
        #expect(broken[1].message.contains("CN=Some Intermediate"))
        let fine = judge.trustFindings(
            CertificateChain(certificates: [certificate], order: .ordered, complete: true),
            subject: "e", context: "chain 1")
        #expect(fine.map(\.verdict) == [.pass, .pass])
    }

    @Test func sslv2CipherKindsAreCriticalAndJudgedByTheirPrimitives() {
        let judge = Lists.judge("LS-0001-2012R0")
        let rc4 = judge.sslv2KindFinding(SSLv2CipherKind(0x010080), subject: "e")
        #expect(rc4.verdict == .violation && rc4.severity == .critical && rc4.context == "SSLv2")
        #expect(rc4.primitives.map(\.primitive) == ["rsaes-pkcs1-v1_5", "rc4", "md5"])
        let export = judge.sslv2KindFinding(SSLv2CipherKind(0x020080), subject: "e")
        #expect(export.message.contains("export-grade"))
        #expect(!export.primitives.contains { $0.primitive == "cbc" })  // RC4 is a stream cipher
        let unknown = judge.sslv2KindFinding(SSLv2CipherKind(0x123456), subject: "e")
        #expect(unknown.verdict == .indeterminate)
    }

    @Test func suitePreferenceIsReportedPerVersionAndNeverDecidesAProfile() {
        let endpoint = TLSEndpointObservation(
            host: "127.0.0.1", port: 443, versions: [VersionSupport(version: .tlsv1_2, status: .yes)],
            cipherSuites: [SuiteEnumeration(version: .tlsv1_2, accepted: [CipherSuite(0xC02F), CipherSuite(0xC030)], preference: .client)])
        let findings = Lists.judge("LS-0001-2022").endpointFindings(endpoint)
        let order = findings.filter { $0.component == .cipherSuiteOrder }
        #expect(order.count == 1 && order[0].verdict == .notApplicable && order[0].context == "TLSv1.2")
        #expect(order[0].remediation?.contains("server choose") == true)
    }

    @Test func curvesOffTheListAreNotListed() {
        let finding = Lists.judge("LS-0001-2012R0").keyFinding(
            KeyFacts(algorithm: .ec, bits: 256, curve: "secp256k1"),
            subject: "k", component: .privateKey, context: nil)
        #expect(finding.verdict == .violation && finding.listStatus == .notListed)
        #expect(finding.primitives[0].detail?.contains("secp256k1") == true)
    }

    @Test func hybridGroupJudgesBothHalves() {
        let judge = Lists.judge("LS-0001-2022")
        let finding = judge.groupFinding(NamedGroup(0x11EC), subject: "e")
        #expect(finding.primitives.map(\.primitive) == ["ecdh", "ml-kem-768"])
        #expect(finding.primitives[1].status == .recommended)
        #expect(Lists.judge("LS-0001-2012R0").groupFinding(NamedGroup(0x11EC), subject: "e").primitives[1].status == .notListed)
        #expect(judge.groupFinding(NamedGroup(0x0017), subject: "e").verdict == .pass)
    }

    @Test func missingObservationsAreIndeterminateNeverPass() {
        let endpoint = TLSEndpointObservation(
            host: "127.0.0.1", port: 443,
            versions: [
                VersionSupport(version: .tlsv1_2, status: .yes),
                VersionSupport(version: .tlsv1_3, status: .failed(reason: "connection reset")),
            ])
        let findings = Lists.judge("LS-0001-2022").endpointFindings(endpoint)
        let undecided = findings.filter { $0.verdict == .indeterminate }.map(\.component)
        #expect(undecided.contains(.protocolVersion))
        #expect(undecided.contains(.cipherSuite))
        #expect(undecided.contains(.signatureScheme))
        #expect(undecided.contains(.certificate))
        #expect(!findings.contains { $0.verdict == .pass && $0.component != .protocolVersion })
    }

    @Test func encryptedKeyEnvelopeIsJudged() {
        let weak = [
            ProtectionAlgorithm(role: .legacyPBE, primitive: "pbes1"),
            ProtectionAlgorithm(role: .cipher, primitive: "rc2", keyBits: 40),
            ProtectionAlgorithm(role: .envelopeMAC, primitive: "hmac", hash: "sha-1", iterations: 2048),
        ]
        let finding = Lists.judge("LS-0001-2012R0").protectionFinding(weak, subject: "a.p12", context: "pkcs12")
        #expect(finding.verdict == .violation && finding.severity == .critical)
        #expect(finding.item.contains("RC2-40") && finding.item.contains("2048 iterations"))
        let strong = [
            ProtectionAlgorithm(role: .kdf, primitive: "pbkdf2", iterations: 600_000),
            ProtectionAlgorithm(role: .prf, primitive: "hmac", hash: "sha-256"),
            ProtectionAlgorithm(role: .cipher, primitive: "aes", keyBits: 256),
            ProtectionAlgorithm(role: .mode, primitive: "cbc"),
        ]
        #expect(Lists.judge("LS-0001-2012R0").protectionFinding(strong, subject: "k", context: "pkcs8").verdict == .pass)
    }
}
