import CryptCheckModel
import Foundation

/// Judges observations one subject at a time, keeping only counts, so a scan of any size can
/// be evaluated and written out as it goes. Subjects are judged against every policy in turn.
package struct EvaluationBuilder: Sendable {
    private let judges: [Judge]
    private let policies: [Policy]
    /// The endpoints of the whole scan that accept SSLv2, for DROWN across endpoints; `nil` when
    /// endpoints are judged one at a time without the others (then a reader that meets SSLv2
    /// judges the whole set again).
    package var sslv2Index: SSLv2Index?
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
            if let sslv2Index { findings += judge.sharedKeyFindings(endpoint, index: sslv2Index) }
            // A GL-3001 profile needs what a handshake shows; a declared protocol has none of it.
            if endpoint.declared == nil { profiles += judge.profileResults(endpoint, findings: endpointFindings) }
        }
        record(findings)
        return (findings, profiles)
    }

    /// Findings for one SSH endpoint.
    package mutating func judge(_ endpoint: SSHEndpointObservation) -> [Finding] {
        let findings = judges.flatMap { $0.sshEndpointFindings(endpoint) }
        record(findings)
        return findings
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
    package func findings(for file: FileObservation) -> [Finding] {
        // One list is the usual run: its judge's findings are the answer, not copied again.
        guard judges.count > 1 else { return judges.first?.fileFindings(file) ?? [] }
        return judges.flatMap { $0.fileFindings(file) }
    }

    /// The indeterminate findings for an unscanned target, without counting them.
    package func findings(for target: UnscannedTarget) -> [Finding] {
        judges.map {
            guard target.code?.isDeclaredAsset == true else {
                return $0.indeterminate(
                    subject: target.target, component: .target, item: target.target, reason: "not scanned: \(target.reason)",
                    errorCode: target.code)
            }
            // A BOM's asset that could not be mapped, or a BOM with none: listed, not judged.
            return Judge.markedDeclared(
                $0.indeterminate(
                    subject: target.target, component: .declaredAsset, item: target.target,
                    reason: "not judged: \(target.reason)", errorCode: target.code))
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
