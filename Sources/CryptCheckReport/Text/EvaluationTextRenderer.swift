import CryptCheckModel
import CryptCheckPolicy

/// Renders findings for a person reading a terminal or a log: per subject, per component, one
/// line per finding with its verdict, list status and severity, and why. Built from three parts
/// (header, subject blocks, summary) so a scan can write subjects as it goes.
public enum EvaluationTextRenderer {
    static let componentOrder: [FindingComponent] = [
        .target, .endpoint, .file, .probe, .protocolVersion, .cipherSuite, .group, .dhParameters, .signatureScheme,
        .certificate, .certificateTrust, .certificateHostname, .certificateKey, .certificateSignature,
        .certificateValidity,
    ]

    /// What the evaluation is judged against, when, and for which end of operation.
    public static func header(lists: [ListReference], asOf: String, operationEnd: OperationEnd) -> String {
        var out = "cryptcheck evaluation as of \(asOf)\n"
        out +=
            operationEnd.given
            ? "End of operation: \(operationEnd.date) (LS-0003 strength is judged for operation until then)\n"
            : "End of operation: not given; assumed \(operationEnd.date), the as-of day (give --operation-end YYYY: a system that runs longer may need stronger keys)\n"
        out += "Judged against:\n"
        for list in lists {
            out += "  \(list.revision)  \(list.title) (\(list.published); evidence: \(list.evidence.rawValue))\n"
        }
        return out
    }

    /// The whole report: the evaluation with, per endpoint, what was observed (versions
    /// accepted or not, features), and the overall verdict at the end.
    public static func render(_ report: Report) -> String {
        var out = header(lists: report.lists, asOf: report.asOf, operationEnd: report.operationEnd)
        // Endpoints that never spoke TLS come first: nothing below covers them.
        for endpoint in report.evidence.endpoints { out += notObserved(endpoint) }
        let profiles = Dictionary(grouping: report.profiles, by: \.subject)
        let endpoints = Dictionary(report.evidence.endpoints.map { ($0.endpoint, $0) }, uniquingKeysWith: { first, _ in first })
        for (subject, findings) in report.findingsBySubject {
            out += block(subject, findings: findings, profiles: profiles[subject] ?? [], endpoint: endpoints[subject])
        }
        return out
            + closing(
                summary: report.summary, verdict: report.verdict, transitionDate: report.transition?.date,
                tail: tail(report))
    }

    /// The line for an endpoint that never spoke TLS (nothing below covers it), or nothing.
    static func notObserved(_ endpoint: EndpointEvidence) -> String {
        guard let outcome = endpoint.outcome, !outcome.isHandshake else { return "" }
        return EscapedText.terminalSafe("NOT OBSERVED  \(endpoint.endpoint): no TLS handshake: \(outcome.summary)") + "\n"
    }

    /// The closing counts and the overall verdict.
    /// The closing counts, `tail` (what changes before the end of operation, where the rules
    /// part), and the overall verdict.
    static func closing(summary counts: EvaluationSummary, verdict: OverallVerdict, transitionDate: String?, tail: String) -> String {
        var out = "\n" + summary(counts) + tail
        let reasons: [String] = verdict.reasons.compactMap { reason in
            switch reason.kind {
            case .violations: "\(reason.count) violations of medium severity or worse"
            case .minorViolations: "\(reason.count) minor violations"
            case .candidatePrimitives: "\(reason.count) on candidate-tier primitives"
            case .incomplete: "\(reason.count) not observed (cannot be called conformant)"
            case .transition: "\(reason.count) pass now but fail if the system ran until \(transitionDate ?? "")"
            case .migrationPeriod: "\(reason.count) in LS-0003's migration period (migration to be completed by its deadline)"
            case .processingOnly: "\(reason.count) tolerated only for processing existing data"
            case .operationEndAssumed:
                "\(reason.count) acceptable only if the system's operation ends by \(reason.date ?? "?") (no --operation-end given)"
            case .weakEvidence: nil
            case .nothingObserved: "nothing was observed: no endpoint, file or target was judged"
            }
        }
        let status = verdict.status.rawValue.replacingOccurrences(of: "-", with: " ").uppercased()
        out += "Overall: \(status)" + (reasons.isEmpty ? "" : " — " + reasons.joined(separator: "; ")) + "\n"
        return out
    }

    /// What a report's text shows after the counts: the LS-0003 deadlines inside the operating
    /// period, the suites the ciphers list and GL-3001 judge differently, and the `--projection`
    /// day's changes (the first twenty of each long list, with how many there are in all).
    public struct Tail: Sendable {
        public var operationEnd: String
        public var deadlines: [StrengthDeadline]
        public var differences: [RuleDifference]
        public var differenceCount: Int
        /// The projection day, its first changes and how many there are.
        public var transition: (date: String, changes: [TransitionChange], count: Int)?

        public init(
            operationEnd: String, deadlines: [StrengthDeadline], differences: [RuleDifference], differenceCount: Int,
            transition: (date: String, changes: [TransitionChange], count: Int)?
        ) {
            self.operationEnd = operationEnd
            self.deadlines = deadlines
            self.differences = differences
            self.differenceCount = differenceCount
            self.transition = transition
        }

        /// How many of a long list the text shows.
        public static let shown = 20
    }

    static func tail(_ report: Report) -> String {
        tail(
            Tail(
                operationEnd: report.operationEnd.date, deadlines: report.deadlines,
                differences: Array(report.ruleDifferences.prefix(Tail.shown)), differenceCount: report.ruleDifferences.count,
                transition: report.transition.map { ($0.date, Array($0.changes.prefix(Tail.shown)), $0.changes.count) }))
    }

    public static func tail(_ tail: Tail) -> String {
        var out = ""
        if !tail.deadlines.isEmpty {
            out += "\nBefore the end of operation (\(tail.operationEnd)), LS-0003 changes:\n"
            for deadline in tail.deadlines {
                let use = deadline.use == .newProtection ? "new protection" : "existing data"
                out +=
                    "  \(deadline.date)  \(deadline.strengthBits)-bit (\(use)): \(deadline.before.rawValue) -> \(deadline.after.rawValue)"
                    + " [\(deadline.evidence.rawValue)]; \(deadline.affected) finding\(deadline.affected == 1 ? "" : "s")"
                    + (deadline.examples.isEmpty ? "" : ", e.g. " + deadline.examples.joined(separator: ", ")) + "\n"
            }
        }
        if tail.differenceCount > 0 {
            out +=
                "\nThe ciphers list and GL-3001 judge these suites differently (the overall verdict follows the list and LS-0003;"
                + " profile verdicts follow GL-3001's own suite classes, whatever the list):\n"
            for difference in tail.differences.prefix(Tail.shown) {
                out +=
                    "  \(difference.subject) \(difference.item) [\(difference.context)]: \(difference.listVerdict.rawValue) by"
                    + " \(difference.list) (\(difference.listStatus.rawValue)); \(difference.guidelineClass.rawValue) in"
                    + " \(difference.guideline) \(difference.profile)\n"
            }
            if tail.differenceCount > Tail.shown { out += "  … \(tail.differenceCount - Tail.shown) more (see --format json)\n" }
        }
        if let transition = tail.transition {
            out +=
                "\nIf the system ran until \(transition.date): \(transition.count) strength standing\(transition.count == 1 ? "" : "s") change\n"
            for change in transition.changes.prefix(Tail.shown) {
                out +=
                    "  \(example(subject: change.subject, item: change.item, context: change.context)): "
                    + "\(change.statusNow?.rawValue ?? "?") -> \(change.statusThen?.rawValue ?? "?")\n"
            }
            if transition.count > Tail.shown { out += "  … \(transition.count - Tail.shown) more (see --format json)\n" }
        }
        return EscapedText.terminalSafeLines(out)
    }

    /// What was observed at an endpoint besides the judged items.
    static func overview(_ endpoint: EndpointEvidence) -> String {
        var out = ""
        if let outcome = endpoint.outcome, !outcome.isHandshake {
            out += EscapedText.terminalSafe("  NO TLS HANDSHAKE: \(outcome.summary)") + "\n"
        }
        if let address = endpoint.address {
            out += EscapedText.terminalSafe("  address \(address)" + (endpoint.serverName.map { ", SNI \($0)" } ?? ", no SNI")) + "\n"
        }
        out += "  versions: " + endpoint.versions.map { "\($0.version) \($0.status)" }.joined(separator: ", ") + "\n"
        if !endpoint.features.isEmpty {
            out += "  features: " + endpoint.features.map { "\($0.feature) \($0.status)" }.joined(separator: ", ") + "\n"
        }
        return out
    }

    /// One subject (an endpoint, or a file with its inventory): findings per list and component.
    public static func block(
        _ subject: String, findings: [Finding], profiles: [ProfileResult] = [],
        file: FileObservation? = nil, endpoint: EndpointEvidence? = nil
    ) -> String {
        var out = "\n\(EscapedText.terminalSafe(subject))" + (file?.sha256.map { "  (SHA-256 \($0.prefix(16))...)" } ?? "") + "\n"
        if let file { out += FileInventoryTextRenderer.render(file) }
        if let endpoint { out += overview(endpoint) }
        // Grouped in one pass (list, then component, then context, each in order of first
        // appearance): a bundle of thousands of certificates must not cost a scan per group.
        // A file's handful of findings is grouped by a linear search, cheaper than hashing.
        var groups: [FindingGroup] = []
        var byKey: [FindingGroup.Key: Int] = [:]
        let hashed = findings.count > 16
        for (index, finding) in findings.enumerated() {
            let key = FindingGroup.Key(list: finding.list, component: finding.component, context: finding.context ?? "")
            let found = hashed ? byKey[key] : groups.lastIndex { $0.key == key }
            if let found {
                groups[found].indices.append(index)
            } else {
                if hashed { byKey[key] = groups.count }
                groups.append(FindingGroup(key: key, indices: [index]))
            }
        }
        var lists: [String] = []
        for group in groups where !lists.contains(group.key.list) { lists.append(group.key.list) }
        for list in lists {
            if lists.count > 1 { out += "  === \(list) ===\n" }
            var components: [FindingComponent] = []
            for group in groups where group.key.list == list && !components.contains(group.key.component) {
                components.append(group.key.component)
            }
            components.sort {
                (componentOrder.firstIndex(of: $0) ?? 99, $0.rawValue) < (componentOrder.firstIndex(of: $1) ?? 99, $1.rawValue)
            }
            for component in components {
                out += "  \(component)\n"
                for group in groups where group.key.list == list && group.key.component == component {
                    if !group.key.context.isEmpty { out += "    [\(EscapedText.terminalSafe(group.key.context))]\n" }
                    for index in group.indices { out += Self.lines(findings[index]) }
                }
            }
            let listProfiles = profiles.filter { $0.list == list }
            if !listProfiles.isEmpty { out += renderProfiles(listProfiles) }
        }
        return out
    }

    /// The lines of one finding.
    private static func lines(_ finding: Finding) -> String {
        let verdict = finding.verdict == .violation ? "FAIL" : finding.verdict.rawValue.uppercased()
        // A listed technique with a key length LS-0003 does not accept does not count as listed
        // (cryptrec.md 8.5): its status is starred and the message says why.
        let keyLengthFails =
            finding.strength?.status == .notAcceptable && finding.listStatus < .notListed
            && finding.listStatus != .notApplicable
        let status = finding.listStatus.rawValue + (keyLengthFails ? "*" : "")
        var out =
            "    \(pad(verdict, 14)) \(pad(status, 14)) \(pad(finding.severity.rawValue, 8)) \(EscapedText.terminalSafe(finding.item))"
        if let strength = finding.strength {
            out +=
                "  [\(StrengthJudgement.describe(strength.strengthBits))/\(strength.requiredBits) bits"
                + (strength.status == .acceptable ? "]" : ", \(strength.status.rawValue)]")
        }
        out += "\n"
        if finding.verdict != .pass || finding.evidence != .confirmed || finding.derived {
            let star =
                keyLengthFails && !finding.message.contains("key length not acceptable under LS-0003")
                ? "* listed, but the key length is not acceptable under LS-0003: " : ""
            out += "        \(star)\(EscapedText.terminalSafe(finding.message))\n"
        }
        if finding.evidence != .confirmed || finding.derived {
            out += "        evidence: \(finding.evidence.rawValue)\(finding.derived ? ", rests on derived rules" : "")\n"
        }
        if let remediation = finding.remediation { out += "        fix: \(EscapedText.terminalSafe(remediation))\n" }
        return out
    }

    private static func renderProfiles(_ profiles: [ProfileResult]) -> String {
        var out = "  GL-3001 profiles\n"
        for profile in profiles {
            let marker = profile.status == .meets ? "MEETS" : profile.status == .fails ? "FAILS" : "UNDECIDED"
            let qualifier = profile.derived ? " (partly derived rules; evidence \(profile.evidence.rawValue))" : ""
            out += "    \(pad(marker, 10)) \(profile.name)\(qualifier)\n"
            for reason in profile.reasons.prefix(8) { out += "        - \(EscapedText.terminalSafe(reason))\n" }
            if profile.reasons.count > 8 { out += "        - ... and \(profile.reasons.count - 8) more\n" }
            // Should-level items (推奨項目): shown, but they do not decide the profile.
            for advisory in profile.advisories.prefix(8) { out += "        advisory: \(EscapedText.terminalSafe(advisory))\n" }
            if profile.advisories.count > 8 { out += "        advisory: ... and \(profile.advisories.count - 8) more\n" }
        }
        return out
    }

    /// The closing counts.
    public static func summary(_ summary: EvaluationSummary) -> String {
        var out = "Summary: \(summary.findings) findings"
        for verdict in Verdict.allCases {
            if let count = summary.byVerdict[verdict.rawValue] { out += ", \(count) \(verdict.rawValue)" }
        }
        out += "\n"
        let severities = severityCounts(summary)
        if !severities.isEmpty { out += "Violations by severity: \(severities.joined(separator: ", "))\n" }
        if summary.incomplete { out += "Incomplete: some things could not be observed (see INDETERMINATE above).\n" }
        if summary.onWeakEvidence > 0 {
            out +=
                "\(summary.onWeakEvidence) verdicts rest on unconfirmed or secondary list facts; they are marked with their evidence level.\n"
        }
        return out
    }

    /// The violations by severity, worst first (`3 high`, `1 medium`): severities without one
    /// are not counted in the summary.
    public static func severityCounts(_ summary: EvaluationSummary) -> [String] {
        Severity.allCases.reversed().compactMap { severity in summary.bySeverity[severity.rawValue].map { "\($0) \(severity.rawValue)" } }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(text)))
    }
}

func orderedUnique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
}

/// The findings of one list, component and context, in the order they came.
private struct FindingGroup {
    struct Key: Hashable {
        let list: String, component: FindingComponent, context: String
    }
    let key: Key
    var indices: [Int]
}
