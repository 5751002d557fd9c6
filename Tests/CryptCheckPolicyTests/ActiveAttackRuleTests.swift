import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckPolicy

/// The judging of the active attack checks: vulnerable is a violation citing the attack (and,
/// for ROBOT, RSA key transport and its list status), not vulnerable a pass with what was
/// seen, could not test indeterminate with its reason and code, not applicable and not run
/// not applicable.
@Suite("Active attack rule")
struct ActiveAttackRuleTests {
    static func endpoint(_ results: [AttackProbeResult]?) -> TLSEndpointObservation {
        var observation = UnobservedFactsTests.complete()
        observation.attacks = results
        return observation
    }

    func findings(_ results: [AttackProbeResult]?) -> [Finding] {
        EndpointRule.activeAttack.check(Lists.judge("LS-0001-2022"), Self.endpoint(results))
    }

    @Test func eachVerdictBecomesItsFinding() throws {
        let results = [
            AttackProbeResult(attack: .heartbleed, verdict: .vulnerable, evidence: "a heartbeat response of 1040 bytes"),
            AttackProbeResult(attack: .ccsInjection, verdict: .notVulnerable, evidence: "refused with alert unexpected_message (10)"),
            AttackProbeResult(attack: .robot, verdict: .vulnerable, evidence: "the answers tell the blocks apart"),
            AttackProbeResult(attack: .tlsPoodle, verdict: .vulnerable, evidence: "a record with malformed padding was taken"),
            AttackProbeResult(attack: .insecureRenegotiation, verdict: .couldNotTest, evidence: "timed out", code: .connectionTimeout),
            AttackProbeResult(attack: .clientRenegotiation, verdict: .notApplicable, evidence: "TLS 1.3 only"),
            AttackProbeResult(attack: .ticketbleed, verdict: .vulnerable, evidence: "16 bytes came back that were never sent"),
        ]
        let found = findings(results)
        #expect(found.map(\.item) == ActiveAttack.all.map(\.rawValue))
        #expect(found.allSatisfy { $0.component == .attack })
        #expect(found.map(\.verdict) == [.violation, .pass, .violation, .violation, .indeterminate, .notApplicable, .violation])
        #expect(found[0].severity == .critical && found[0].message.contains("CVE-2014-0160"))
        #expect(found[0].remediationCode == .fixAttack)
        #expect(found[1].message == "not vulnerable to CCS injection (CVE-2014-0224): refused with alert unexpected_message (10)")
        // ROBOT breaks RSA key transport: the primitive and its list status are cited.
        #expect(found[2].primitives.map(\.primitive) == [Primitive("rsaes-pkcs1-v1_5")])
        #expect(found[2].primitives.first?.role == .keyTransport)
        #expect(found[2].message.contains("it breaks RSAES-PKCS1-v1_5 (key transport)"), "\(found[2].message)")
        #expect(found[2].remediationCode == .disableCipherSuite)
        // POODLE against TLS breaks the CBC records of an implementation that does not check
        // their padding: the mode is cited with its list status; the fix is the implementation's.
        #expect(found[3].primitives.map(\.primitive) == [Primitive("cbc")] && found[3].primitives.first?.role == .mode)
        #expect(found[3].severity == .high && found[3].remediationCode == .fixAttack)
        #expect(
            found[3].message.hasPrefix(
                "vulnerable to POODLE against TLS (CVE-2014-8730 and others); it breaks CBC (mode), recommended on LS-0001-2022"),
            "\(found[3].message)")
        #expect(found[3].remediation?.contains("checks CBC padding") == true)
        #expect(found[4].errorCode == .connectionTimeout && found[4].message.contains("could not test"))
        #expect(found[5].message.contains("does not apply: TLS 1.3 only"))
        // Ticketbleed leaks memory as Heartbleed does: critical, with its CVE.
        #expect(found[6].severity == .critical && found[6].message.hasPrefix("vulnerable to Ticketbleed (CVE-2016-9244): 16 bytes"))
    }

    @Test func notRunIsNotApplicableAndWhatTheObservationLacksIsNotTriedNeverPassed() {
        let notRun = findings(ActiveAttack.all.map { AttackProbeResult(attack: $0, verdict: .notRun, evidence: "off") })
        #expect(notRun.count == ActiveAttack.all.count)
        #expect(notRun.allSatisfy { $0.verdict == .notApplicable && $0.message.contains("--no-active") })
        // An observation saved before the checks existed (or a declared endpoint): one finding
        // naming every check, not tried.
        let none = findings(nil)
        #expect(none.count == 1 && none[0].item == "active-checks" && none[0].verdict == .notApplicable, "\(none)")
        #expect(none[0].message.contains("Heartbleed, CCS injection, ROBOT, POODLE against TLS") && none[0].remediationCode == .rerunScan)
        // One saved before POODLE against TLS was added: the others judged, that one not tried.
        let older = findings(
            ActiveAttack.all.filter { $0 != .tlsPoodle }.map { AttackProbeResult(attack: $0, verdict: .notVulnerable, evidence: "seen") })
        #expect(older.filter { $0.verdict == .pass }.count == ActiveAttack.all.count - 1)
        #expect(older.last?.item == "active-checks" && older.last?.message.contains("no result for POODLE against TLS (") == true)
    }

    @Test func observationsSavedBeforeTheChecksDecodeWithoutThem() throws {
        let encoded = try JSONEncoder().encode(UnobservedFactsTests.complete())
        #expect(!String(decoding: encoded, as: UTF8.self).contains("attacks"))
        let decoded = try JSONDecoder().decode(TLSEndpointObservation.self, from: encoded)
        #expect(decoded.attacks == nil)
        let with = Self.endpoint([AttackProbeResult(attack: .robot, verdict: .couldNotTest, evidence: "x", code: .probeInconsistent)])
        #expect(try JSONDecoder().decode(TLSEndpointObservation.self, from: JSONEncoder().encode(with)) == with)
    }
}
