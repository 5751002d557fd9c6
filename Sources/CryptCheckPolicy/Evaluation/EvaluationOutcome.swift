/// What an evaluation comes to overall (DESIGN.md): conformant, violations at or above the
/// threshold, or incomplete. A definite violation outranks incompleteness: the system is known
/// not to conform even though part of it could not be observed. The CLI maps it to its exit
/// status.
package enum EvaluationOutcome: Sendable, Hashable {
    case conformant, violations, incomplete

    /// From the counts alone, so a streamed scan that kept no findings can decide too.
    package init(_ summary: EvaluationSummary, failOn: Severity) {
        let failing = Severity.allCases.filter { $0 >= failOn }.reduce(0) { $0 + (summary.bySeverity[$1.rawValue] ?? 0) }
        if failing > 0 {
            self = .violations
        } else if summary.incomplete || summary.findings == 0 {
            // Nothing judged is not conformance: nothing was observed that it could rest on.
            self = .incomplete
        } else {
            self = .conformant
        }
    }
}
