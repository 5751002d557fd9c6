import CryptCheckModel
import CryptCheckPolicy

/// What the report's first page and its summary of passes count, gathered one target at a time:
/// per component the findings by verdict (violations by severity), and per fix (the policy's
/// `RemediationCode`) the targets it affects with what was observed there. A whole report and a
/// streamed one add the same targets, endpoints on one side and files and targets on the other
/// (`ReportRows`, `StreamedHTML`), so both give the same tally.
struct ReportTally: Sendable, Hashable {
    /// One component's findings by verdict.
    struct Counts: Sendable, Hashable {
        var pass = 0
        /// Passes on a condition: a candidate technique, a strength in LS-0003's migration period
        /// or tolerated only for existing data.
        var conditional = 0
        var indeterminate = 0
        var notApplicable = 0
        /// Violations by severity (`Severity.allCases` order).
        var violations = Array(repeating: 0, count: Severity.allCases.count)

        var violationCount: Int { violations.reduce(0, +) }
        var total: Int { pass + conditional + indeterminate + notApplicable + violationCount }

        mutating func add(_ other: Counts) {
            pass += other.pass
            conditional += other.conditional
            indeterminate += other.indeterminate
            notApplicable += other.notApplicable
            for index in violations.indices { violations[index] += other.violations[index] }
        }
    }

    /// One target a fix applies to, with the items observed there that call for it.
    struct Target: Sendable, Hashable {
        var subject: String
        var items: [String]
        var moreItems: Int
    }

    /// One fix: how many targets and findings call for it, the worst severity among them, and
    /// the first targets.
    struct Action: Sendable, Hashable {
        var code: RemediationCode
        var targets = 0
        var findings = 0
        /// The worst severity of the violations among them; `nil` when all are undecided.
        var worst: Severity?
        var examples: [Target] = []

        static let examplesShown = 3
        static let itemsShown = 3

        var moreTargets: Int { targets - examples.count }
    }

    /// One side's tally: components and fixes in order of first appearance.
    struct Side: Sendable, Hashable {
        var components: [FindingComponent] = []
        var counts: [FindingComponent: Counts] = [:]
        var actions: [Action] = []
        var actionIndex: [RemediationCode: Int] = [:]
    }

    var endpoints = Side()
    var files = Side()
    /// All findings, and those about assets a CycloneDX BOM declared (not observed).
    var findings = 0
    var declared = 0

    /// Whether a pass is on a condition (see `Counts.conditional`).
    static func isConditional(_ finding: Finding) -> Bool {
        guard finding.verdict == .pass else { return false }
        return finding.listStatus == .candidate || finding.strength?.status == .migrationPeriod
            || finding.strength?.status == .processingOnly
    }

    /// Adds the findings of one endpoint (`atEndpoint`), file or target.
    mutating func add(_ findings: [Finding], atEndpoint: Bool) {
        self.findings += findings.count
        declared += findings.count { $0.declared == true }
        for (subject, group) in Report.bySubject(findings) {
            if atEndpoint { endpoints.add(subject, group) } else { files.add(subject, group) }
        }
    }

    /// Both sides together, endpoints first.
    var merged: Side {
        var side = endpoints
        for component in files.components {
            if side.counts[component] == nil { side.components.append(component) }
            side.counts[component, default: Counts()].add(files.counts[component] ?? Counts())
        }
        for action in files.actions {
            if let index = side.actionIndex[action.code] {
                side.actions[index].targets += action.targets
                side.actions[index].findings += action.findings
                side.actions[index].worst = [side.actions[index].worst, action.worst].compactMap { $0 }.max()
                let room = Action.examplesShown - side.actions[index].examples.count
                side.actions[index].examples += action.examples.prefix(max(0, room))
            } else {
                side.actionIndex[action.code] = side.actions.count
                side.actions.append(action)
            }
        }
        return side
    }

    /// The fixes, most urgent first: violations by worst severity, then undecided things; more
    /// targets first; then in the vocabulary's order.
    var actions: [Action] {
        let known = Dictionary(RemediationCode.known.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return merged.actions.sorted { a, b in
            let left = (
                -(a.worst.map { Severity.allCases.firstIndex(of: $0)! + 1 } ?? 0), -a.targets, known[a.code] ?? Int.max, a.code.rawValue
            )
            let right = (
                -(b.worst.map { Severity.allCases.firstIndex(of: $0)! + 1 } ?? 0), -b.targets, known[b.code] ?? Int.max, b.code.rawValue
            )
            return left < right
        }
    }
}

extension ReportTally.Side {
    /// The findings about one subject.
    mutating func add(_ subject: String, _ findings: [Finding]) {
        var touched: [RemediationCode: Int] = [:]
        for finding in findings {
            if counts[finding.component] == nil { components.append(finding.component) }
            var count = counts[finding.component] ?? ReportTally.Counts()
            switch finding.verdict {
            case .pass: if ReportTally.isConditional(finding) { count.conditional += 1 } else { count.pass += 1 }
            case .violation: count.violations[Severity.allCases.firstIndex(of: finding.severity)!] += 1
            case .indeterminate: count.indeterminate += 1
            case .notApplicable: count.notApplicable += 1
            }
            counts[finding.component] = count
            guard finding.verdict != .pass, let code = finding.remediationCode else { continue }
            let index: Int
            if let known = actionIndex[code] {
                index = known
            } else {
                index = actions.count
                actionIndex[code] = index
                actions.append(ReportTally.Action(code: code))
            }
            actions[index].findings += 1
            if finding.verdict == .violation { actions[index].worst = max(actions[index].worst ?? finding.severity, finding.severity) }
            // The first finding of this fix at this subject counts the target once.
            if touched[code] == nil {
                touched[code] = actions[index].examples.count < ReportTally.Action.examplesShown ? actions[index].examples.count : -1
                actions[index].targets += 1
                if touched[code]! >= 0 { actions[index].examples.append(ReportTally.Target(subject: subject, items: [], moreItems: 0)) }
            }
            if let position = touched[code], position >= 0 {
                let label = finding.item + (finding.context.map { " [\($0)]" } ?? "")
                if actions[index].examples[position].items.count < ReportTally.Action.itemsShown {
                    actions[index].examples[position].items.append(label)
                } else {
                    actions[index].examples[position].moreItems += 1
                }
            }
        }
    }
}
