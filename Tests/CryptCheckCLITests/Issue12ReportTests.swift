import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckPolicy
@testable import CryptCheckReport

/// Issue 12 items 4 to 6 in the report: one story on page one when the ciphers list and GL-3001
/// part, key-length failures never shown with the bare list status, LS-0003's terms, and the end
/// of operation recorded in the header.
@Suite("Issue 12: the report tells which rule decides what")
struct Issue12ReportTests {
    static let catalog = try! ListCatalog.builtIn()
    static let asOf = PolicySelection.parseDay("2026-11-30")!

    static func policy(_ list: String, end: String? = nil) throws -> Policy {
        var catalog = Self.catalog
        let selected = try PolicySelection.resolve([list], into: &catalog, asOf: asOf)
        return try PolicySelection.policies(selected: selected, catalog: catalog, asOf: asOf)[0]
            .operating(until: end.flatMap(OperationEnd.parse))
    }

    /// An ECDSA P-256 endpoint accepting `suites` under TLS 1.2.
    static func observations(_ suites: [UInt16]) -> ObservationSet {
        let certificate = CertificateFacts(
            subject: "CN=test", issuer: "CN=ca", notBefore: PolicySelection.parseDay("2025-01-01")!,
            notAfter: PolicySelection.parseDay("2030-01-01")!, publicKey: KeyFacts(algorithm: .ec, bits: 256, curve: "secp256r1"),
            signature: SignatureAlgorithmFacts(oid: "1.2.840.10045.4.3.2", name: "ecdsa-with-SHA256", scheme: "ecdsa", hash: "sha-256"),
            sha256Fingerprint: String(repeating: "ab", count: 32))
        let endpoint = TLSEndpointObservation(
            host: "127.0.0.1", port: 8443,
            versions: ProtocolVersion.all.map { VersionSupport(version: $0, status: $0 == .tlsv1_2 ? .yes : .no) },
            cipherSuites: [SuiteEnumeration(version: .tlsv1_2, accepted: suites.map { CipherSuite($0) }, preference: .server)],
            groups: GroupEnumeration(accepted: [NamedGroup(0x0017)]),
            signatureSchemes: [SchemeEnumeration(accepted: [SignatureScheme(0x0403)])],
            certificateChains: [CertificateChain(certificates: [certificate], trusted: true, hostnameMatches: true)],
            features: [FeatureSupport(feature: .compression, status: .no)])
        return ObservationSet(tool: "test", observedAt: asOf, endpoints: [endpoint])
    }

    static func report(_ suites: [UInt16], list: String, end: String? = nil) throws -> Report {
        ReportBuilder.build(
            observations: observations(suites), policies: [try policy(list, end: end)], projection: nil,
            inputs: ReportInputs(tool: ReportTool(version: "test"), generatedAt: asOf), digest: nil)
    }

    static let chacha: UInt16 = 0xCCA9  // TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
    static let aesGCM: UInt16 = 0xC02B  // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256

    /// ChaCha20-Poly1305 is not on the 2013 list but GL-3001 v3 recommends it: the report names
    /// the suite and the rule each verdict rests on, in both languages.
    @Test func aSuiteTheRulesJudgeDifferentlyIsExplained() throws {
        let report = try Self.report([Self.chacha, Self.aesGCM], list: "LS-0001-2012R0")
        #expect(report.ruleDifferences.count == 1)
        let difference = try #require(report.ruleDifferences.first)
        #expect(difference.item.contains("CHACHA20") && difference.listVerdict == .violation && difference.guidelineClass == .recommended)
        #expect(report.profiles.first { $0.profile == "recommended" }?.status == .meets)
        let ja = try HTMLReportRenderer.render(report, language: .ja), en = try HTMLReportRenderer.render(report, language: .en)
        #expect(ja.contains("判定の根拠") && ja.contains("総合判定は CRYPTREC暗号リスト（LS-0001-2012）と LS-0003 による"))
        #expect(ja.contains("暗号スイート分類") && ja.contains("CHACHA20") && ja.contains("利用推奨"))
        #expect(en.contains("What decides what") && en.contains("do not depend on the ciphers list selected"))
        let text = EvaluationTextRenderer.render(report)
        #expect(text.contains("judge these suites differently") && text.contains("recommended in GL-3001-3.0.1 recommended"), "\(text)")
        // With the 2022 list, which carries ChaCha20-Poly1305, the two rules agree.
        #expect(try Self.report([Self.chacha, Self.aesGCM], list: "LS-0001-2022R2").ruleDifferences.isEmpty)
    }

    @Test func agreeingRulesListNoDifference() throws {
        let report = try Self.report([Self.aesGCM], list: "LS-0001-2012R0")
        #expect(report.ruleDifferences.isEmpty)
        #expect(!EvaluationTextRenderer.render(report).contains("judge these suites differently"))
    }

    /// RSA-1024 on a listed scheme: never the bare "recommended".
    @Test func keyLengthFailureIsNotShownAsRecommended() throws {
        let judge = Judge(policy: try Self.policy("LS-0001-2022R2"))
        let finding = judge.keyFinding(KeyFacts(algorithm: .rsa, bits: 1024), subject: "k.pem", component: .privateKey, context: nil)
        #expect(finding.listStatus == .recommended && finding.verdict == .violation)
        #expect(
            finding.message.hasPrefix("e-Government Recommended technique, key length not acceptable under LS-0003"), "\(finding.message)")
        #expect(ReportText(language: .ja).listStatus(of: finding) == "電子政府推奨暗号（鍵長が LS-0003 不適合）")
        #expect(
            ReportText(language: .en).listStatus(of: finding)
                == "e-Government Recommended technique, key length not acceptable under LS-0003")
        // A key that passes keeps the plain status.
        let good = judge.keyFinding(KeyFacts(algorithm: .rsa, bits: 3072), subject: "k.pem", component: .privateKey, context: nil)
        #expect(ReportText(language: .ja).listStatus(of: good) == "電子政府推奨暗号")
    }

    @Test func japaneseStrengthSentencesUseLS0003Terms() throws {
        let text = ReportText(language: .ja)
        func sentence(bits: Int, end: String) throws -> String {
            let judge = Judge(policy: try Self.policy("LS-0001-2022R2", end: end))
            let finding = judge.keyFinding(KeyFacts(algorithm: .rsa, bits: bits), subject: "k", component: .privateKey, context: nil)
            return text.strengthSentence(try #require(finding.strength))
        }
        #expect(try sentence(bits: 2048, end: "2030").contains("移行完遂期間（2030年12月31日 まで）"))
        #expect(try sentence(bits: 2048, end: "2031").contains("利用不可（2031年1月1日 から）"))
        #expect(text.strengthStatus(.processingOnly) == "処理のみ許容")
        #expect(text.listStatus(.notListed) == "CRYPTREC暗号リスト非掲載")
        #expect(text.reason(VerdictReason(kind: .candidatePrimitives, count: 1, severity: nil, examples: [])).contains("電子政府推奨暗号への移行"))
    }

    /// The header says the end of operation, or that none was given and what was assumed.
    @Test func headerCarriesTheEndOfOperation() throws {
        let given = try Self.report([Self.aesGCM], list: "LS-0001-2022R2", end: "2035")
        #expect(given.operationEnd == OperationEnd(date: "2035-12-31", given: true))
        #expect(try HTMLReportRenderer.render(given, language: .ja).contains("<th>運用終了予定</th><td>2035年12月31日</td>"))
        let assumed = try Self.report([Self.aesGCM], list: "LS-0001-2022R2")
        #expect(!assumed.operationEnd.given && assumed.operationEnd.date == "2026-11-30")
        #expect(assumed.operationEnd.assumption?.contains("as-of day is assumed") == true)
        #expect(try HTMLReportRenderer.render(assumed, language: .en).contains("not given (the as-of day 2026-11-30 is assumed"))
        let json = String(decoding: try JSONRenderer.bytes(assumed, pretty: true), as: UTF8.self)
        #expect(json.contains("\"assumption\"") && json.contains("\"given\" : false"))
    }

    /// Without --operation-end the as-of day is assumed: a strength that is usable only up to a
    /// deadline makes the verdict conditional on the system ending by then, never plainly conformant.
    @Test func anAssumedEndIsACondition() throws {
        let assumed = try Self.report([Self.aesGCM], list: "LS-0001-2022R2")
        let reason = try #require(assumed.verdict.reasons.first { $0.kind == .operationEndAssumed })
        #expect(reason.date == "2040-12-31" && reason.count > 0)
        #expect(assumed.verdict.status == .conformantWithConditions)
        #expect(ReportText(language: .ja).reason(reason).contains("運用終了予定が指定されていない"))
        let given = try Self.report([Self.aesGCM], list: "LS-0001-2022R2", end: "2040")
        #expect(!given.verdict.reasons.contains { $0.kind == .operationEndAssumed })
        #expect(given.verdict.status == .conformant, "\(given.verdict)")
    }

    /// Deadlines inside the period are listed with the findings they affect; none when the
    /// operation ends before the first.
    @Test func deadlinesInsideThePeriod() throws {
        let inside = try Self.report([Self.aesGCM], list: "LS-0001-2022R2", end: "2045")
        let days = inside.deadlines.map(\.date)
        // Only the changes some finding rests on: nothing here is 112-bit, so 2031 is not listed.
        #expect(days.contains("2041-01-01") && !days.contains("2031-01-01") && !days.contains("2051-01-01"), "\(days)")
        let at2041 = try #require(inside.deadlines.first { $0.date == "2041-01-01" && $0.strengthBits == 128 })
        #expect(at2041.before == .acceptable && at2041.after == .migrationPeriod && at2041.affected > 0)
        #expect(try Self.report([Self.aesGCM], list: "LS-0001-2022R2", end: "2030").deadlines.isEmpty)
    }
}

/// Reports already handed in stay checkable: a report of schema 1 (before strength was judged by
/// the end of operation) cannot be re-rendered by this build, but its data digest is checked.
@Suite("Issue 12: reports of schema 1 still verify")
struct Issue12OldReportTests {
    @Test func schemaOneDigestIsCheckedAndAnEditIsCaught() throws {
        let path = "Fixtures/reports/report-schema-1.json"
        let ok = try CLI.run(["report", "verify", path])
        #expect(
            ok.status == 2 && ok.stdout.contains("cryptcheck-report/1") && ok.stdout.contains("data digest OK"), "\(ok.stdout)\(ok.stderr)")
        let text = try String(contentsOfFile: packageRoot + "/" + path, encoding: .utf8)
        let edited = FileManager.default.temporaryDirectory.appendingPathComponent("edited-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: edited) }
        try text.replacingOccurrences(of: "\"findings\" : 77", with: "\"findings\" : 76").write(
            toFile: edited, atomically: true, encoding: .utf8)
        #expect(text.contains("\"findings\" : 77"))
        let caught = try CLI.run(["report", "verify", edited])
        #expect(caught.status == 1 && caught.stdout.contains("DOES NOT MATCH"), "\(caught.stdout)")
    }
}
