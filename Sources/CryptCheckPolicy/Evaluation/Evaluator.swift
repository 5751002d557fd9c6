import CryptCheckModel
import Foundation

/// A document an evaluation judged against, as cited in every output.
package struct ListReference: Sendable, Hashable, Codable {
    package var id: String
    package var revision: String
    package var kind: String
    package var title: String
    /// The Japanese title, when the list file gives one.
    package var titleJa: String?
    package var published: String
    package var evidence: EvidenceLevel
    package var origin: String

    package init(_ header: DocumentHeader, kind: String) {
        id = header.id
        revision = header.revision
        self.kind = kind
        title = header.title
        titleJa = header.titleJa
        published = Policy.dayText(header.published)
        evidence = header.evidence
        self.origin = header.origin
    }
}

/// Counts over the findings.
/// The counts a summary takes from some findings, made without dictionaries so that worker
/// threads can count what they judged and the summary only adds them up.
package struct FindingTally: Sendable {
    package private(set) var findings = 0
    var byVerdict = [Int](repeating: 0, count: Verdict.allCases.count)
    var byListStatus = [Int](repeating: 0, count: ListStatus.allCases.count)
    var violationsBySeverity = [Int](repeating: 0, count: Severity.allCases.count)
    var incomplete = false
    var onWeakEvidence = 0

    package init(_ findings: [Finding]) {
        self.findings = findings.count
        for finding in findings {
            byVerdict[Verdict.allCases.firstIndex(of: finding.verdict)!] += 1
            byListStatus[ListStatus.allCases.firstIndex(of: finding.listStatus)!] += 1
            if finding.verdict == .violation { violationsBySeverity[Severity.allCases.firstIndex(of: finding.severity)!] += 1 }
            if finding.verdict == .indeterminate { incomplete = true }
            if finding.evidence != .confirmed { onWeakEvidence += 1 }
        }
    }
}

package struct EvaluationSummary: Sendable, Hashable, Codable {
    package var findings: Int
    package var byVerdict: [String: Int]
    package var bySeverity: [String: Int]
    package var byListStatus: [String: Int]
    /// True when something could not be observed or scanned.
    package var incomplete: Bool
    /// Findings whose verdict rests on secondary or unconfirmed list facts.
    package var onWeakEvidence: Int

    package init(
        findings: Int, byVerdict: [String: Int], bySeverity: [String: Int], byListStatus: [String: Int],
        incomplete: Bool, onWeakEvidence: Int
    ) {
        self.findings = findings
        self.byVerdict = byVerdict
        self.bySeverity = bySeverity
        self.byListStatus = byListStatus
        self.incomplete = incomplete
        self.onWeakEvidence = onWeakEvidence
    }
}

/// The findings of judging a set of observations against one or more lists.
package struct Evaluation: Sendable, Hashable, Codable {
    package static let currentSchema = "cryptcheck-evaluation/2"

    package var schema: String
    package var asOf: String
    /// The end of operation strength was judged by, given or assumed.
    package var operationEnd: OperationEnd
    package var targetProfile: String
    package var lists: [ListReference]
    package var findings: [Finding]
    package var profiles: [ProfileResult]
    package var unscanned: [UnscannedTarget]
    package var summary: EvaluationSummary

    package init(
        schema: String = Evaluation.currentSchema, asOf: String, operationEnd: OperationEnd, targetProfile: String,
        lists: [ListReference], findings: [Finding], profiles: [ProfileResult], unscanned: [UnscannedTarget],
        summary: EvaluationSummary
    ) {
        self.schema = schema
        self.asOf = asOf
        self.operationEnd = operationEnd
        self.targetProfile = targetProfile
        self.lists = lists
        self.findings = findings
        self.profiles = profiles
        self.unscanned = unscanned
        self.summary = summary
    }
}

/// Judges observations one subject at a time, keeping only counts, so a scan of any size can
/// be evaluated and written out as it goes. Subjects are judged against every policy in turn.
package struct EvaluationBuilder: Sendable {
    private let judges: [Judge]
    private let policies: [Policy]
    package private(set) var summary = EvaluationSummary(
        findings: 0, byVerdict: [:], bySeverity: [:], byListStatus: [:],
        incomplete: false, onWeakEvidence: 0)

    package init(policies: [Policy]) {
        self.policies = policies
        self.judges = policies.map(Judge.init)
    }

    /// The documents judged against: every ciphers list, then LS-0003 and GL-3001.
    package var lists: [ListReference] {
        var lists = policies.map { ListReference($0.list.header, kind: "ciphers-list") }
        if let policy = policies.first {
            if let strength = policy.strength { lists.append(ListReference(strength.header, kind: "strength-requirements")) }
            if let guideline = policy.guideline { lists.append(ListReference(guideline.header, kind: "tls-guideline")) }
        }
        return lists
    }

    package var asOf: String { policies.first?.asOfText ?? "" }
    package var operationEnd: OperationEnd { policies.first?.operationEndRecord ?? OperationEnd(date: asOf, given: false) }
    package var targetProfile: String { policies.first?.targetProfile ?? "" }

    /// Findings and profile results for one endpoint.
    package mutating func judge(_ endpoint: TLSEndpointObservation) -> (findings: [Finding], profiles: [ProfileResult]) {
        var findings: [Finding] = []
        var profiles: [ProfileResult] = []
        for judge in judges {
            let endpointFindings = judge.endpointFindings(endpoint)
            findings += endpointFindings
            profiles += judge.profileResults(endpoint, findings: endpointFindings)
        }
        record(findings)
        return (findings, profiles)
    }

    /// Findings for one file.
    package mutating func judge(_ file: FileObservation) -> [Finding] {
        let findings = self.findings(for: file)
        record(findings)
        return findings
    }

    /// The indeterminate findings for a target that could not be scanned.
    package mutating func judge(_ target: UnscannedTarget) -> [Finding] {
        let findings = self.findings(for: target)
        record(findings)
        return findings
    }

    /// Findings for one file, without counting them: safe to call from several threads, with
    /// `record` called afterwards in order.
    package func findings(for file: FileObservation) -> [Finding] { judges.flatMap { $0.fileFindings(file) } }

    /// The indeterminate findings for an unscanned target, without counting them.
    package func findings(for target: UnscannedTarget) -> [Finding] {
        judges.map {
            $0.indeterminate(subject: target.target, component: "target", item: target.target, reason: "not scanned: \(target.reason)")
        }
    }

    /// Counts findings into the summary.
    package mutating func record(_ findings: [Finding]) { record(FindingTally(findings)) }

    /// Adds counts made elsewhere (on the thread that judged the findings).
    package mutating func record(_ tally: FindingTally) {
        summary.findings += tally.findings
        for (verdict, count) in zip(Verdict.allCases, tally.byVerdict) where count > 0 {
            summary.byVerdict[verdict.rawValue, default: 0] += count
        }
        for (status, count) in zip(ListStatus.allCases, tally.byListStatus) where count > 0 {
            summary.byListStatus[status.rawValue, default: 0] += count
        }
        for (severity, count) in zip(Severity.allCases, tally.violationsBySeverity) where count > 0 {
            summary.bySeverity[severity.rawValue, default: 0] += count
        }
        if tally.incomplete { summary.incomplete = true }
        summary.onWeakEvidence += tally.onWeakEvidence
    }

    /// An evaluation holding `findings` (all of them, or none when they were written out as
    /// they came) with this builder's lists and counts.
    package func evaluation(findings: [Finding], profiles: [ProfileResult], unscanned: [UnscannedTarget]) -> Evaluation {
        Evaluation(
            schema: Evaluation.currentSchema, asOf: asOf, operationEnd: operationEnd, targetProfile: targetProfile, lists: lists,
            findings: findings, profiles: profiles, unscanned: unscanned, summary: summary)
    }
}

/// Turns observations into findings. Pure: same observations and policies, same evaluation.
package enum Evaluator {
    /// Judges every endpoint, file and unscanned target, in that order, against each policy.
    package static func evaluate(_ observations: ObservationSet, policies: [Policy]) -> Evaluation {
        var builder = EvaluationBuilder(policies: policies)
        var findings: [Finding] = []
        var profiles: [ProfileResult] = []
        for endpoint in observations.endpoints {
            let result = builder.judge(endpoint)
            findings += result.findings
            profiles += result.profiles
        }
        for file in observations.files { findings += builder.judge(file) }
        for target in observations.unscanned { findings += builder.judge(target) }
        return builder.evaluation(findings: findings, profiles: profiles, unscanned: observations.unscanned)
    }
}
