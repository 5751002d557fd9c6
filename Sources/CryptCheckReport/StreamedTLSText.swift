import CryptCheckModel
import CryptCheckPolicy

/// The text of a TLS scan written as each endpoint is judged: the header, then each endpoint's
/// part (its "not observed" line, or its findings) as soon as it and every endpoint before it
/// are done, then the closing counts and verdict of the whole run. The words are
/// `EvaluationTextRenderer`'s: `header + subjects + closing` of one report is its `render`,
/// except that each endpoint's "not observed" line stands at its place instead of first.
package enum StreamedTLSText {
    /// What the evaluation is judged against (the same for every endpoint of a run).
    package static func header(_ report: Report, language: ReportLanguage = .en) -> String {
        EvaluationTextRenderer.header(lists: report.lists, asOf: report.asOf, operationEnd: report.operationEnd, language: language)
    }

    /// The report's subjects: its endpoints that never spoke TLS, then the findings of each
    /// subject (endpoint or target) with its overview.
    package static func subjects(_ report: Report, language: ReportLanguage = .en) -> String {
        var out = ""
        for endpoint in report.evidence.endpoints { out += EvaluationTextRenderer.notObserved(endpoint, language: language) }
        let profiles = Dictionary(grouping: report.profiles, by: \.subject)
        let endpoints = Dictionary(report.evidence.endpoints.map { ($0.endpoint, $0) }, uniquingKeysWith: { first, _ in first })
        let ssh = EvaluationTextRenderer.sshEndpoints(report)
        for (subject, findings) in report.findingsBySubject {
            out += EvaluationTextRenderer.block(
                subject, findings: findings, profiles: profiles[subject] ?? [], endpoint: endpoints[subject], ssh: ssh[subject],
                language: language)
        }
        return out
    }

    /// The findings judged over the whole run, which no endpoint's part could show when it was
    /// written: DROWN through a key another endpoint uses with SSLv2. Empty without them.
    package static func acrossEndpoints(_ report: Report, language: ReportLanguage = .en) -> String {
        var out = ""
        for (subject, findings) in report.findingsBySubject {
            let across = findings.filter { $0.component == .attack && $0.context?.hasPrefix(SSLv2Index.sharedKeyContext) == true }
            guard !across.isEmpty else { continue }
            out += EvaluationTextRenderer.block(subject, findings: across, profiles: [], endpoint: nil, language: language)
        }
        return out
    }

    /// The closing counts, what changes before the end of operation, and the overall verdict.
    package static func closing(_ report: Report, language: ReportLanguage = .en) -> String {
        EvaluationTextRenderer.closing(
            summary: report.summary, verdict: report.verdict, transitionDate: report.transition?.date,
            tail: EvaluationTextRenderer.tail(report, language: language), language: language)
    }

    /// The overall verdict line alone (`--quiet`): the closing's last line.
    package static func verdictLine(_ report: Report, language: ReportLanguage = .en) -> String {
        verdictLine(closing(report, language: language))
    }

    /// The last line of a closing text.
    package static func verdictLine(_ closing: String) -> String {
        (closing.split(separator: "\n").last.map(String.init) ?? "") + "\n"
    }
}
