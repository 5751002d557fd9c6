import CryptCheckModel
import CryptCheckPolicy
import Foundation

/// What a report needs besides the observations: who made it, when, for what.
package struct ReportInputs: Sendable {
    package var tool: ReportTool
    package var generatedAt: Date
    package var system: ReportSystem
    /// The scan roots, when known; otherwise the report lists the directories of the files.
    package var paths: [String]?

    package init(tool: ReportTool, generatedAt: Date, system: ReportSystem = ReportSystem(), paths: [String]? = nil) {
        self.tool = tool
        self.generatedAt = generatedAt
        self.system = system
        self.paths = paths
    }
}

/// Builds the one report model from observations: judged against `policies` on their as-of
/// day for their end of operation and, when given, against `projection` (the same lists for a
/// system running until a later day). `deadlines`: list the LS-0003 deadlines inside the period.
package enum ReportBuilder {
    package static func build(
        observations: ObservationSet, policies: [Policy], projection: [Policy]?, deadlines: Bool = true,
        inputs: ReportInputs, digest: (([UInt8]) -> String)?
    ) -> Report {
        let evaluation = Evaluator.evaluate(observations, policies: policies)
        let projected = projection.map { Evaluator.evaluate(observations, policies: $0) }
        let transition = projected.map {
            StrengthTransition(date: $0.operationEnd.date, changes: changes(from: evaluation.findings, to: $0.findings))
        }
        let paths = inputs.paths ?? Array(Set(observations.files.map { PathText.parent(of: $0.path) })).sorted()
        var report = Report(
            schema: Report.currentSchema, tool: inputs.tool, generatedAt: UTCCalendar.timestamp(inputs.generatedAt),
            system: inputs.system, asOf: evaluation.asOf, operationEnd: evaluation.operationEnd,
            targetProfile: evaluation.targetProfile, lists: evaluation.lists,
            listEntries: policies.flatMap(entries),
            scope: ReportScope(endpoints: observations.endpoints.map(\.endpoint) + observations.sshEndpoints.map(\.subject), paths: paths),
            verdict: verdict(evaluation, transition: transition), findings: evaluation.findings, profiles: evaluation.profiles,
            ruleDifferences: ruleDifferences(observations, findings: evaluation.findings, policies: policies),
            deadlines: deadlines ? policies.first.map { strengthDeadlines($0, findings: evaluation.findings) } ?? [] : [],
            transition: transition, evidence: ReportEvidence(observations), unscanned: evaluation.unscanned,
            summary: evaluation.summary, configuration: policies.first?.acceptableConfiguration(), dataDigest: nil)
        // Without a digest function (an output that does not show it) the canonical encoding is skipped.
        if let digest { report.dataDigest = "sha256:" + digest(report.canonicalBytes()) }
        return report
    }

    /// Every entry of a policy's ciphers list, as cited.
    static func entries(_ policy: Policy) -> [ReportListEntry] {
        policy.list.entries.map { entry in
            ReportListEntry(
                list: policy.list.header.revision, primitive: entry.primitive.rawValue, technique: entry.technique,
                tier: entry.tier.rawValue, category: entry.category.rawValue, evidence: entry.evidence,
                notes: policy.list.notes(of: entry).map(\.text), question: entry.question)
        }
    }

    /// The suites each policy's list and GL-3001 profile judge differently, endpoint by endpoint.
    static func ruleDifferences(_ observations: ObservationSet, findings: [Finding], policies: [Policy]) -> [RuleDifference] {
        guard !observations.endpoints.isEmpty else { return [] }
        let suites = Dictionary(grouping: findings.filter { $0.component == .cipherSuite }, by: \.subject)
        return policies.flatMap { policy in
            observations.endpoints.flatMap { RuleDifference.between($0, findings: suites[$0.endpoint] ?? [], policy: policy) }
        }
    }

    /// Every day after the as-of day and up to the end of operation on which a level's standing
    /// changes, per level, with the findings that rest on that level and use.
    static func strengthDeadlines(_ policy: Policy, findings: [Finding]) -> [StrengthDeadline] {
        var tally = StrengthLevelTally()
        for finding in findings { tally.add(finding, policy: policy) }
        return tally.deadlines(policy)
    }

    /// Findings whose strength judgement differs on the projection day (a certificate that
    /// merely expires by then is not a strength change). Both evaluations judge the same
    /// observations, so findings correspond one to one, in order.
    static func changes(from now: [Finding], to then: [Finding]) -> [TransitionChange] {
        guard correspond(now, then) else { return [] }
        return zip(now, then).compactMap { current, later in
            guard let strengthNow = current.strength, let strengthThen = later.strength,
                strengthNow.status != strengthThen.status
            else { return nil }
            return TransitionChange(
                subject: current.subject, component: current.component, item: current.item,
                context: current.context, list: current.list, verdictNow: current.verdict,
                verdictThen: later.verdict, strengthBits: current.strength?.strengthBits,
                requiredNow: strengthNow.requiredBits, requiredThen: strengthThen.requiredBits,
                statusNow: strengthNow.status, statusThen: strengthThen.status,
                remediation: later.remediation)
        }
    }

    /// Whether two judgements of the same observations correspond one to one, in order.
    static func correspond(_ now: [Finding], _ then: [Finding]) -> Bool {
        func key(_ finding: Finding) -> [String?] {
            [finding.subject, finding.component.rawValue, finding.item, finding.context, finding.list]
        }
        return now.count == then.count && zip(now, then).allSatisfy { key($0) == key($1) }
    }

    /// The overall verdict of an evaluation and its projection (see `VerdictTally.verdict`).
    static func verdict(_ evaluation: Evaluation, transition: StrengthTransition?) -> OverallVerdict {
        var tally = VerdictTally()
        tally.operationEndGiven = evaluation.operationEnd.given
        for finding in evaluation.findings { tally.add(finding) }
        for change in transition?.changes ?? [] { tally.add(change) }
        return tally.verdict
    }
}

extension Finding {
    /// The list citation of the primitive that decided the verdict, if one did.
    var decidingCitation: Citation? {
        primitives.first { $0.primitive == decidingPrimitive }?.citation
    }
}

/// `subject — item [context]`, or just the subject when the item repeats it.
func example(subject: String, item: String, context: String?) -> String {
    (item == subject ? subject : "\(subject) — \(item)") + (context.map { " [\($0)]" } ?? "")
}

func example(_ finding: Finding) -> String { example(subject: finding.subject, item: finding.item, context: finding.context) }

extension Report {
    /// The findings grouped by subject, subjects in order of first appearance, in one pass
    /// (a file scan has tens of thousands of subjects).
    package var findingsBySubject: [(subject: String, findings: [Finding])] { Self.bySubject(findings) }

    /// `findings` grouped by subject, subjects in order of first appearance.
    static func bySubject(_ findings: [Finding]) -> [(subject: String, findings: [Finding])] {
        var groups: [(subject: String, findings: [Finding])] = []
        var index: [String: Int] = [:]
        for finding in findings {
            if let position = index[finding.subject] {
                groups[position].findings.append(finding)
            } else {
                index[finding.subject] = groups.count
                groups.append((finding.subject, [finding]))
            }
        }
        return groups
    }

    /// The findings part, for the text renderer.
    package var evaluation: Evaluation {
        Evaluation(
            asOf: asOf, operationEnd: operationEnd, targetProfile: targetProfile, lists: lists, findings: findings, profiles: profiles,
            unscanned: unscanned, summary: summary)
    }

    /// The bytes the data digest is taken over: compact JSON, sorted keys, without the digest.
    package func canonicalBytes() -> [UInt8] {
        var copy = self
        copy.dataDigest = nil
        // Every field is a plain value; encoding cannot fail.
        return (try? JSONRenderer.bytes(copy, pretty: false)) ?? []
    }

    /// Whether `dataDigest` matches the data, with `digest` the SHA-256 hex function.
    package func verifies(digest: ([UInt8]) -> String) -> Bool {
        dataDigest == "sha256:" + digest(canonicalBytes())
    }
}
