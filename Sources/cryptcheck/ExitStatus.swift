import CryptCheckPolicy

/// The process exit status (README, DESIGN.md): 0 conformant, 1 violations at or above
/// `--fail-on`, 2 incomplete, 64 a usage error.
enum ExitStatus {
    static let conformant: Int32 = 0
    static let violations: Int32 = 1
    static let incomplete: Int32 = 2
    static let usage: Int32 = 64

    static func of(_ summary: EvaluationSummary, failOn: Severity) -> Int32 {
        switch EvaluationOutcome(summary, failOn: failOn) {
        case .conformant: conformant
        case .violations: violations
        case .incomplete: incomplete
        }
    }
}
