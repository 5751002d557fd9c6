import CryptCheckModel
import Foundation

/// Counts over the findings.
package struct EvaluationSummary: Sendable, Hashable, Codable {
    package var findings: Int
    package var byVerdict: [String: Int]
    package var bySeverity: [String: Int]
    package var byListStatus: [String: Int]
    /// True when something could not be observed or scanned.
    package var incomplete: Bool
    /// Findings whose verdict rests on secondary or unconfirmed list facts.
    package var onWeakEvidence: Int

    package init(
        findings: Int, byVerdict: [String: Int], bySeverity: [String: Int], byListStatus: [String: Int],
        incomplete: Bool, onWeakEvidence: Int
    ) {
        self.findings = findings
        self.byVerdict = byVerdict
        self.bySeverity = bySeverity
        self.byListStatus = byListStatus
        self.incomplete = incomplete
        self.onWeakEvidence = onWeakEvidence
    }
}
