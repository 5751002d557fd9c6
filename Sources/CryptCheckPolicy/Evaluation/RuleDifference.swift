import CryptCheckModel

/// An accepted cipher suite that the ciphers list and the GL-3001 profile judge differently: the
/// overall verdict rests on the list (and LS-0003), the profile verdict on the guideline's own
/// suite classes, so a report must say which rule decides what.
package struct RuleDifference: Sendable, Hashable, Codable {
    /// The guideline's class of a suite for one profile; `neither` is "not recommended, but not
    /// prevented" (a should-level note, never a failure).
    package enum GuidelineClass: String, Sendable, Codable {
        case recommended, prohibited, neither
    }

    package var subject: String
    /// The suite as findings name it (`TLS_RSA_WITH_RC4_128_SHA (0x0005)`).
    package var item: String
    /// The protocol version it was accepted under.
    package var context: String
    package var list: String
    package var listVerdict: Verdict
    package var listStatus: ListStatus
    package var guideline: String
    package var profile: String
    package var guidelineClass: GuidelineClass

    /// The suites of `endpoint` whose list verdict (in `findings`) and class under `policy`'s
    /// target profile disagree: a pass by the list that the guideline prohibits, or a list
    /// violation that the guideline does not prohibit.
    package static func between(_ endpoint: TLSEndpointObservation, findings: [Finding], policy: Policy) -> [RuleDifference] {
        guard let guideline = policy.guideline, guideline.profile(policy.targetProfile) != nil else { return [] }
        let classes = guideline.suiteClasses(of: policy.targetProfile)
        guard !classes.isEmpty else { return [] }
        var verdicts: [String: Finding] = [:]
        for finding in findings
        where finding.component == .cipherSuite && finding.subject == endpoint.endpoint
            && finding.list == policy.list.header.revision
        {
            verdicts[(finding.context ?? "") + "\u{0}" + finding.item] = finding
        }
        var differences: [RuleDifference] = []
        for enumeration in endpoint.cipherSuites {
            for suite in enumeration.accepted {
                guard let info = suite.info,
                    let finding = verdicts[enumeration.version.name + "\u{0}" + Judge.suiteItem(info, suite)],
                    finding.verdict == .pass || finding.verdict == .violation
                else { continue }
                let guidelineClass: GuidelineClass =
                    switch SuiteClassification(info, under: enumeration.version, entries: classes).suiteClass {
                    case .prohibited?: .prohibited
                    case .recommended?: .recommended
                    case nil: .neither
                    }
                guard (finding.verdict == .pass) == (guidelineClass == .prohibited) else { continue }
                differences.append(
                    RuleDifference(
                        subject: endpoint.endpoint, item: finding.item, context: enumeration.version.name, list: finding.list,
                        listVerdict: finding.verdict, listStatus: finding.listStatus, guideline: guideline.header.revision,
                        profile: policy.targetProfile, guidelineClass: guidelineClass))
            }
        }
        return differences
    }
}
