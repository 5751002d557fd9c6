import CryptCheckPolicy

/// Renders an evaluation for a person reading a terminal or a log: per subject, per component,
/// one line per finding with its verdict, list status and severity, and why.
public enum EvaluationTextRenderer {
    static let componentOrder = [
        "target", "file", "probe", "protocol-version", "cipher-suite", "group", "dh-parameters", "signature-scheme",
        "certificate", "certificate-key", "certificate-signature", "certificate-validity",
    ]

    public static func render(_ evaluation: Evaluation) -> String {
        var out = "cryptcheck evaluation as of \(evaluation.asOf)\n"
        out += "Judged against:\n"
        for list in evaluation.lists {
            out += "  \(list.revision)  \(list.title) (\(list.published); evidence: \(list.evidence.rawValue))\n"
        }
        let subjects = orderedUnique(evaluation.findings.map(\.subject))
        for list in orderedUnique(evaluation.findings.map(\.list)) {
            if Set(evaluation.findings.map(\.list)).count > 1 { out += "\n=== \(list) ===\n" }
            for subject in subjects {
                let findings = evaluation.findings.filter { $0.subject == subject && $0.list == list }
                guard !findings.isEmpty else { continue }
                out += "\n\(subject)\n"
                let components = orderedUnique(findings.map(\.component)).sorted {
                    (componentOrder.firstIndex(of: $0) ?? 99, $0) < (componentOrder.firstIndex(of: $1) ?? 99, $1)
                }
                for component in components {
                    out += renderComponent(component, findings.filter { $0.component == component })
                }
                let profiles = evaluation.profiles.filter { $0.subject == subject && $0.list == list }
                if !profiles.isEmpty { out += renderProfiles(profiles) }
            }
        }
        out += "\n" + renderSummary(evaluation)
        return out
    }

    private static func renderComponent(_ component: String, _ findings: [Finding]) -> String {
        var out = "  \(component)\n"
        for context in orderedUnique(findings.map { $0.context ?? "" }) {
            if !context.isEmpty { out += "    [\(context)]\n" }
            for finding in findings where (finding.context ?? "") == context {
                let verdict = finding.verdict == .violation ? "FAIL" : finding.verdict.rawValue.uppercased()
                var line = "    \(pad(verdict, 14)) \(pad(finding.listStatus.rawValue, 14)) \(pad(finding.severity.rawValue, 8)) \(finding.item)"
                if let strength = finding.strength {
                    line += "  [\(StrengthJudgement.describe(strength.strengthBits))/\(strength.requiredBits) bits]"
                }
                out += line + "\n"
                if finding.verdict != .pass || finding.evidence != .confirmed || finding.derived {
                    out += "        \(finding.message)\n"
                }
                if finding.evidence != .confirmed || finding.derived {
                    out += "        evidence: \(finding.evidence.rawValue)\(finding.derived ? ", rests on derived rules" : "")\n"
                }
                if let remediation = finding.remediation { out += "        fix: \(remediation)\n" }
            }
        }
        return out
    }

    private static func renderProfiles(_ profiles: [ProfileResult]) -> String {
        var out = "  GL-3001 profiles\n"
        for profile in profiles {
            let marker = profile.status == .meets ? "MEETS" : profile.status == .fails ? "FAILS" : "UNDECIDED"
            let qualifier = profile.derived ? " (partly derived rules; evidence \(profile.evidence.rawValue))" : ""
            out += "    \(pad(marker, 10)) \(profile.name)\(qualifier)\n"
            for reason in profile.reasons.prefix(8) { out += "        - \(reason)\n" }
            if profile.reasons.count > 8 { out += "        - ... and \(profile.reasons.count - 8) more\n" }
        }
        return out
    }

    private static func renderSummary(_ evaluation: Evaluation) -> String {
        let summary = evaluation.summary
        var out = "Summary: \(summary.findings) findings"
        for verdict in Verdict.allCases {
            if let count = summary.byVerdict[verdict.rawValue] { out += ", \(count) \(verdict.rawValue)" }
        }
        out += "\n"
        let severities = Severity.allCases.reversed().compactMap { severity in
            summary.bySeverity[severity.rawValue].map { "\($0) \(severity.rawValue)" }
        }
        if !severities.isEmpty { out += "Violations by severity: \(severities.joined(separator: ", "))\n" }
        if summary.incomplete { out += "Incomplete: some things could not be observed (see INDETERMINATE above).\n" }
        if evaluation.findings.contains(where: { $0.evidence != .confirmed }) {
            out += "Some verdicts rest on unconfirmed or secondary list facts; they are marked with their evidence level.\n"
        }
        return out
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(text)))
    }
}

func orderedUnique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
}
