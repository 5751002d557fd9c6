import CryptCheckModel
import CryptCheckPolicy

/// What the overall verdict rests on, gathered one finding at a time: per reason the count,
/// the worst severity and the first five examples. Tallies of consecutive runs of findings
/// add up to the tally of all of them, so a streamed evaluation gets the verdict of the whole.
package struct VerdictTally: Sendable {
    /// One reason's findings: how many, the worst severity, the first examples.
    struct Group: Sendable {
        var count = 0
        var severity: Severity?
        var examples: [String] = []

        mutating func add(_ severity: Severity, example: @autoclosure () -> String) {
            count += 1
            self.severity = max(self.severity ?? severity, severity)
            if examples.count < 5 { examples.append(example()) }
        }

        mutating func add(_ other: Group) {
            count += other.count
            severity = [severity, other.severity].compactMap { $0 }.max()
            examples = Array((examples + other.examples).prefix(5))
        }
    }

    var findings = 0
    var serious = Group(), minor = Group(), candidates = Group(), undecided = Group(), weak = Group()
    /// Passes on a strength in LS-0003's migration period, or tolerated only for existing data.
    var migrating = Group(), processingOnly = Group()
    /// Passes whose strength is usable only up to a deadline, and the earliest such deadline:
    /// a condition when the end of operation was not given (the as-of day was assumed).
    var bounded = Group()
    var earliestDeadline: String?
    /// Whether `--operation-end` was given; set before reading `verdict`.
    package var operationEndGiven = true
    /// Findings that pass now and fail at the projection day.
    var transition = Group()

    package init() {}

    package mutating func add(_ finding: Finding) {
        findings += 1
        if finding.verdict == .violation {
            if finding.severity >= .medium {
                serious.add(finding.severity, example: example(finding))
            } else {
                minor.add(finding.severity, example: example(finding))
            }
        }
        if finding.verdict == .pass && finding.listStatus == .candidate { candidates.add(finding.severity, example: example(finding)) }
        if finding.verdict == .pass && finding.strength?.status == .migrationPeriod {
            migrating.add(finding.severity, example: example(finding))
        }
        if finding.verdict == .pass && finding.strength?.status == .processingOnly {
            processingOnly.add(finding.severity, example: example(finding))
        }
        if finding.verdict == .pass, let strength = finding.strength, let deadline = strength.deadline,
            strength.status == .acceptable || strength.status == .migrationPeriod
        {
            bounded.add(finding.severity, example: example(finding))
            earliestDeadline = min(earliestDeadline ?? deadline, deadline)
        }
        if finding.verdict == .indeterminate { undecided.add(finding.severity, example: example(finding)) }
        if finding.evidence != .confirmed && finding.verdict != .notApplicable { weak.add(finding.severity, example: example(finding)) }
    }

    /// Counts a change at the projection day (only those from pass to violation count).
    package mutating func add(_ change: TransitionChange) {
        guard change.verdictNow == .pass && change.verdictThen == .violation else { return }
        transition.add(.info, example: example(subject: change.subject, item: change.item, context: change.context))
    }

    /// Adds the tally of the findings that came after these.
    package mutating func add(_ other: VerdictTally) {
        findings += other.findings
        serious.add(other.serious)
        minor.add(other.minor)
        candidates.add(other.candidates)
        migrating.add(other.migrating)
        processingOnly.add(other.processingOnly)
        bounded.add(other.bounded)
        if let deadline = other.earliestDeadline { earliestDeadline = min(earliestDeadline ?? deadline, deadline) }
        undecided.add(other.undecided)
        weak.add(other.weak)
        transition.add(other.transition)
    }

    /// Not conformant on any violation of medium severity or worse; else indeterminate when
    /// anything could not be observed (nothing unobserved passes); conformant with conditions on
    /// minor violations, candidate-tier primitives, strength in LS-0003's migration period or
    /// tolerated only for existing data, or a verdict that fails on the projection day;
    /// conformant otherwise. Weak evidence is reported, not counted.
    package var verdict: OverallVerdict {
        func reason(_ kind: VerdictReason.Kind, _ group: Group, severity: Bool = false) -> VerdictReason? {
            guard group.count > 0 else { return nil }
            return VerdictReason(kind: kind, count: group.count, severity: severity ? group.severity : nil, examples: group.examples)
        }
        var reasons = [
            reason(.violations, serious, severity: true), reason(.minorViolations, minor, severity: true),
            reason(.candidatePrimitives, candidates), reason(.migrationPeriod, migrating),
            reason(.processingOnly, processingOnly),
            operationEndGiven
                ? nil
                : reason(.operationEndAssumed, bounded).map { reason in
                    var reason = reason
                    reason.date = earliestDeadline
                    return reason
                },
            reason(.incomplete, undecided),
            reason(.transition, transition), reason(.weakEvidence, weak),
        ].compactMap { $0 }
        // Nothing judged at all is not conformance: there is nothing it could rest on.
        if findings == 0 { reasons.append(VerdictReason(kind: .nothingObserved, count: 0, severity: nil, examples: [])) }
        let status: OverallVerdict.Status =
            serious.count > 0
            ? .notConformant
            : undecided.count > 0 || findings == 0
                ? .indeterminate
                : reasons.contains { $0.kind != .weakEvidence } ? .conformantWithConditions : .conformant
        return OverallVerdict(status: status, reasons: reasons)
    }
}
