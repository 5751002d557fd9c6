import CryptCheckModel
import Foundation

/// A document an evaluation judged against, as cited in every output.
public struct ListReference: Sendable, Hashable, Codable {
    public var id: String
    public var revision: String
    public var kind: String
    public var title: String
    public var published: String
    public var evidence: EvidenceLevel
    public var origin: String

    public init(_ header: DocumentHeader, kind: String) {
        id = header.id
        revision = header.revision
        self.kind = kind
        title = header.title
        published = Policy.dayText(header.published)
        evidence = header.evidence
        self.origin = header.origin
    }
}

/// Counts over the findings.
public struct EvaluationSummary: Sendable, Hashable, Codable {
    public var findings: Int
    public var byVerdict: [String: Int]
    public var bySeverity: [String: Int]
    public var byListStatus: [String: Int]
    /// True when something could not be observed or scanned.
    public var incomplete: Bool
}

/// The findings of judging a set of observations against one or more lists.
public struct Evaluation: Sendable, Hashable, Codable {
    public static let currentSchema = "cryptcheck-evaluation/1"

    public var schema: String
    public var asOf: String
    public var targetProfile: String
    public var lists: [ListReference]
    public var findings: [Finding]
    public var profiles: [ProfileResult]
    public var unscanned: [UnscannedTarget]
    public var summary: EvaluationSummary

    /// Violations at or above a severity.
    public func violations(atLeast severity: Severity) -> [Finding] {
        findings.filter { $0.verdict == .violation && $0.severity >= severity }
    }
}

/// Turns observations into findings. Pure: same observations and policies, same evaluation.
public enum Evaluator {
    /// Judges every endpoint and file against each policy (one per selected ciphers list).
    public static func evaluate(_ observations: ObservationSet, policies: [Policy]) -> Evaluation {
        var findings: [Finding] = []
        var profiles: [ProfileResult] = []
        var lists: [ListReference] = []
        for policy in policies {
            let judge = Judge(policy: policy)
            lists.append(ListReference(policy.list.header, kind: "ciphers-list"))
            for endpoint in observations.endpoints {
                let endpointFindings = judge.endpointFindings(endpoint)
                findings += endpointFindings
                profiles += judge.profileResults(endpoint, findings: endpointFindings)
            }
            for file in observations.files { findings += judge.fileFindings(file) }
            for target in observations.unscanned {
                findings.append(judge.indeterminate(subject: target.target, component: "target", item: target.target,
                                                    reason: "not scanned: \(target.reason)"))
            }
        }
        if let policy = policies.first {
            if let strength = policy.strength { lists.append(ListReference(strength.header, kind: "strength-requirements")) }
            if let guideline = policy.guideline { lists.append(ListReference(guideline.header, kind: "tls-guideline")) }
        }
        func counts(_ keys: [String]) -> [String: Int] { keys.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        let summary = EvaluationSummary(
            findings: findings.count,
            byVerdict: counts(findings.map(\.verdict.rawValue)),
            bySeverity: counts(findings.filter { $0.verdict == .violation }.map(\.severity.rawValue)),
            byListStatus: counts(findings.map(\.listStatus.rawValue)),
            incomplete: findings.contains { $0.verdict == .indeterminate } || !observations.unscanned.isEmpty)
        return Evaluation(
            schema: Evaluation.currentSchema, asOf: policies.first?.asOfText ?? "", targetProfile: policies.first?.targetProfile ?? "",
            lists: lists, findings: findings, profiles: profiles, unscanned: observations.unscanned, summary: summary)
    }
}
