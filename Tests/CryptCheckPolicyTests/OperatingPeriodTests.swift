import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckPolicy

/// LS-0003 judges strength by the year the system's operation ends (cryptrec.md 8.2), not by the
/// as-of day: each boundary of the table, for 112- and 128-bit keys, new and existing data.
@Suite("LS-0003 strength by end of operation")
struct OperatingPeriodTests {
    static let requirements = try! Lists.catalog.strengthRequirements.first!

    func judge(operationEnd: String?, asOf: String = "2026-11-30") -> Judge {
        Judge(policy: Lists.policy("LS-0001-2012R8", asOf: asOf).operating(until: operationEnd.flatMap(OperationEnd.parse)))
    }

    func key(_ bits: Int, end: String?) -> Finding {
        judge(operationEnd: end).keyFinding(KeyFacts(algorithm: .rsa, bits: bits), subject: "k", component: .privateKey, context: nil)
    }

    @Test(arguments: [
        // (RSA bits, end of operation, status, verdict)
        (2048, "2030-12-31", StrengthStatus.migrationPeriod, Verdict.pass),
        (2048, "2031-01-01", .notAcceptable, .violation),
        (3072, "2031-01-01", .acceptable, .pass),
        (3072, "2040-12-31", .acceptable, .pass),
        (3072, "2041-01-01", .migrationPeriod, .pass),
        (3072, "2050-12-31", .migrationPeriod, .pass),
        (3072, "2051-01-01", .notAcceptable, .violation),
        (7680, "2051-01-01", .acceptable, .pass),
        (7680, "2070-12-31", .acceptable, .pass),
        (7680, "2071-01-01", .beyondTable, .indeterminate),
        (1024, "2026-11-30", .notAcceptable, .violation),
    ])
    func boundaries(bits: Int, end: String, status: StrengthStatus, verdict: Verdict) {
        let finding = key(bits, end: end)
        #expect(finding.strength?.status == status, "\(bits) until \(end): \(finding.strength?.status.rawValue ?? "-")")
        #expect(finding.verdict == verdict, "\(bits) until \(end): \(finding.message)")
        #expect(finding.strength?.operationEnd == end)

    }

    @Test func migrationIsAConditionWithItsDeadlineAndTarget() {
        let finding = key(2048, end: "2029")
        #expect(finding.strength?.deadline == "2030-12-31" && finding.strength?.targetBits == 128)
        #expect(finding.severity == .low)
        #expect(finding.message.contains("移行完遂期間") && finding.message.contains("2030-12-31"), "\(finding.message)")
        let later = key(3072, end: "2045")
        #expect(later.strength?.deadline == "2050-12-31" && later.strength?.targetBits == 192)
    }

    @Test func notUsableNamesTheDayAndWhatIsRequired() {
        let finding = key(2048, end: "2035-06-30")
        #expect(finding.strength?.deadline == "2031-01-01" && finding.strength?.requiredBits == 128)
        #expect(finding.message.contains("利用不可") && finding.message.contains("2031-01-01"), "\(finding.message)")
        #expect(finding.remediation?.contains("3072-bit RSA") == true, "\(finding.remediation ?? "")")
    }

    /// The same key, for a system ending later, is judged for the whole period: the as-of day
    /// does not matter, the end of operation does.
    @Test func asOfDayDoesNotDecideStrength() {
        let early = judge(operationEnd: "2035", asOf: "2024-01-01").keyFinding(
            KeyFacts(algorithm: .rsa, bits: 2048), subject: "k",
            component: .privateKey, context: nil)
        #expect(early.verdict == .violation)
        let assumed = judge(operationEnd: nil, asOf: "2024-01-01").keyFinding(
            KeyFacts(algorithm: .rsa, bits: 2048), subject: "k",
            component: .privateKey, context: nil)
        #expect(assumed.verdict == .pass && assumed.strength?.operationEnd == "2024-01-01")
    }

    @Test func existingDataIsProcessingOnlyAfterTheDeadline() {
        let status = Self.requirements.status(of: 112, operationEnd: Lists.day("2031-01-01"), use: .existingData)
        #expect(status.status == .processingOnly)
        #expect(Self.requirements.status(of: 112, operationEnd: Lists.day("2031-01-01"), use: .newProtection).status == .notAcceptable)
        // Below the weakest level nothing is tolerated, not even processing.
        #expect(Self.requirements.status(of: 80, operationEnd: Lists.day("2026-01-01"), use: .existingData).status == .notAcceptable)
    }

    /// An expired certificate only verifies old signatures: its key processes existing data.
    @Test func expiredCertificateKeyIsProcessingOnly() {
        let certificate = Lists.certificate(
            key: KeyFacts(algorithm: .rsa, bits: 2048), signature: Lists.sha256WithRSA, notAfter: "2025-01-01")
        let findings = judge(operationEnd: "2035").certificateFindings(certificate, subject: "c.pem", context: "certificate", isLeaf: true)
        let key = findings.first { $0.component == .certificateKey }
        #expect(key?.strength?.use == .existingData && key?.strength?.status == .processingOnly, "\(key?.message ?? "")")
        #expect(key?.verdict == .pass)
        let valid = Lists.certificate(key: KeyFacts(algorithm: .rsa, bits: 2048), signature: Lists.sha256WithRSA, notAfter: "2040-01-01")
        let current = judge(operationEnd: "2035").certificateFindings(valid, subject: "c.pem", context: "certificate", isLeaf: true)
            .first { $0.component == .certificateKey }
        #expect(current?.strength?.use == .newProtection && current?.verdict == .violation)
    }

    @Test func suiteCipherAndDHFollowTheEnd() {
        let endpoint = TLSEndpointObservation(
            host: "127.0.0.1", port: 443, versions: [VersionSupport(version: .tlsv1_2, status: .yes)],
            dhParameters: [DHParameterFacts(primeBits: 2048)])
        func dh(_ end: String) -> Verdict? {
            judge(operationEnd: end).endpointFindings(endpoint).first { $0.component == .dhParameters }?.verdict
        }
        #expect(dh("2030-12-31") == .pass && dh("2031-01-01") == .violation)
    }

    @Test func profileFloorsFollowTheEnd() {
        #expect(judge(operationEnd: "2030-12-31").policy.requiredStrength == 112)
        #expect(judge(operationEnd: "2031-01-01").policy.requiredStrength == 128)
        #expect(judge(operationEnd: "2051-01-01").policy.requiredStrength == 192)
        #expect(judge(operationEnd: "2071-01-01").policy.requiredStrength == nil)
    }

    /// The recommended profile's strength floor moves with the end of operation: an RSA-2048
    /// server certificate meets it for a system ending in 2030, not for one running into 2031.
    @Test func profileStrengthFloorFollowsTheEnd() {
        let certificate = Lists.certificate(key: KeyFacts(algorithm: .rsa, bits: 2048), signature: Lists.sha256WithRSA)
        let endpoint = TLSEndpointObservation(
            host: "127.0.0.1", port: 443,
            versions: ProtocolVersion.all.map { VersionSupport(version: $0, status: $0 == .tlsv1_2 ? .yes : .no) },
            cipherSuites: [SuiteEnumeration(version: .tlsv1_2, accepted: [CipherSuite(0xC030)], preference: .server)],
            groups: GroupEnumeration(accepted: [NamedGroup(0x0018)]),
            signatureSchemes: [SchemeEnumeration(accepted: [SignatureScheme(0x0805)])],
            certificateChains: [CertificateChain(certificates: [certificate], trusted: true, hostnameMatches: true)])
        func reasons(_ end: String) -> [String] {
            let judge = judge(operationEnd: end)
            return judge.profileResults(endpoint, findings: judge.endpointFindings(endpoint))
                .first { $0.profile == "recommended" }?.reasons.filter { $0.contains("-bit strength <") } ?? ["no profile"]
        }
        #expect(reasons("2030-12-31").isEmpty, "\(reasons("2030-12-31"))")
        #expect(reasons("2031-01-01").contains { $0.contains("RSA-2048") && $0.contains("< 128") }, "\(reasons("2031-01-01"))")
    }

    @Test func deadlinesAreTheDaysAStandingChanges() {
        let days = Self.requirements.deadlines.map(Policy.dayText)
        #expect(days == ["2031-01-01", "2041-01-01", "2051-01-01", "2071-01-01"], "\(days)")
    }

    @Test(arguments: [("2030", "2030-12-31"), ("2031-01-01", "2031-01-01"), ("2024-02-29", "2024-02-29")])
    func operationEndParses(text: String, day: String) {
        #expect(OperationEnd.parse(text).map(Policy.dayText) == day)
    }

    @Test(arguments: ["30", "2030-13-01", "２０３０", "2030-02-30", "", "20300"])
    func badOperationEndIsRefused(text: String) {
        #expect(OperationEnd.parse(text) == nil)
    }

    /// A strength-requirements file with a fixed header and `body` after it.
    static func strengthFile(schema: Int, _ body: String) -> String {
        """
        schema: \(schema)
        kind: strength-requirements
        id: X
        revision: X
        title: X
        published: 2022-06-01
        source: test
        evidence: unconfirmed
        levels: {bits: [112], evidence: secondary}
        families: []

        """ + body
    }

    @Test func formerWindowsAreRefusedWithAMessage() throws {
        let text = Self.strengthFile(
            schema: 1,
            """
            windows:
              - {until: 2030-12-31, required: 112, evidence: unconfirmed, note: "n"}
            """)
        #expect {
            try ListLoader.parse(text, file: "old.yaml", origin: "old.yaml")
        } throws: { error in
            "\(error)".contains("old.yaml") && "\(error)".contains("'periods'")
        }
    }

    @Test func periodsNeedSchema2() throws {
        let text = Self.strengthFile(
            schema: 1,
            """
            periods:
              - {strength: 112, migration_through: 2030-12-31, unusable_from: 2031-01-01, evidence: secondary, note: "n"}
            """)
        #expect {
            try ListLoader.parse(text, file: "one.yaml", origin: "one.yaml")
        } throws: { error in
            "\(error)".contains("needs schema 2")
        }
    }

    @Test func periodsMustFollowEachOther() throws {
        let text = Self.strengthFile(
            schema: 2,
            """
            periods:
              - {strength: 112, migration_through: 2030-12-31, unusable_from: 2032-01-01, evidence: secondary, note: "gap"}
            """)
        #expect {
            try ListLoader.parse(text, file: "gap.yaml", origin: "gap.yaml")
        } throws: { error in
            "\(error)".contains("day after")
        }
    }
}

/// Review findings on the operating period: what a TLS server serves always protects new data,
/// and a profile never passes a strength LS-0003 does not accept or does not cover.
@Suite("LS-0003 periods in TLS profiles and served certificates")
struct OperatingPeriodProfileTests {
    func endpoint(certificate: CertificateFacts) -> TLSEndpointObservation {
        TLSEndpointObservation(
            host: "127.0.0.1", port: 443,
            versions: ProtocolVersion.all.map { VersionSupport(version: $0, status: $0 == .tlsv1_2 ? .yes : .no) },
            cipherSuites: [SuiteEnumeration(version: .tlsv1_2, accepted: [CipherSuite(0xC02F)], preference: .server)],
            groups: GroupEnumeration(accepted: [NamedGroup(0x0017)]),
            signatureSchemes: [SchemeEnumeration(accepted: [SignatureScheme(0x0804)])],
            certificateChains: [CertificateChain(certificates: [certificate], trusted: true, hostnameMatches: true)])
    }

    func judge(_ end: String) -> Judge {
        Judge(policy: Lists.policy("LS-0001-2022R2").operating(until: OperationEnd.parse(end)))
    }

    @Test func anExpiredServedCertificateStillProtectsNewData() {
        let expired = Lists.certificate(key: KeyFacts(algorithm: .rsa, bits: 2048), signature: Lists.sha256WithRSA, notAfter: "2025-01-01")
        let key = judge("2035").endpointFindings(endpoint(certificate: expired)).first { $0.component == .certificateKey }
        #expect(key?.strength?.use == .newProtection && key?.verdict == .violation, "\(key?.message ?? "")")
    }

    /// AES-128 and P-256 (128 bits) for a system running past 2070: not usable from 2051, so no
    /// profile is met, although the profiles' own floors are 128 bits or less.
    @Test func profilesFailPastTheTableAndAreUndecidedBeyondIt() {
        let certificate = Lists.certificate(
            key: KeyFacts(algorithm: .ec, bits: 256, curve: "secp256r1"),
            signature: SignatureAlgorithmFacts(
                oid: "1.2.840.10045.4.3.2", name: "ecdsa-with-SHA256",
                scheme: "ecdsa", hash: "sha-256"))
        let observed = endpoint(certificate: certificate)
        let judge = judge("2071")
        let results = judge.profileResults(observed, findings: judge.endpointFindings(observed))
        #expect(!results.isEmpty && results.allSatisfy { $0.status != .meets }, "\(results.map { "\($0.profile) \($0.status)" })")
    }
}
