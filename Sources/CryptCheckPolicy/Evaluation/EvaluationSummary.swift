import CryptCheckModel
import Foundation

/// Counts over the findings.
public struct EvaluationSummary: Sendable, Hashable, Codable {
    public var findings: Int
    public var byVerdict: [String: Int]
    public var bySeverity: [String: Int]
    public var byListStatus: [String: Int]
    /// True when something could not be observed or scanned.
    public var incomplete: Bool
    /// Findings whose verdict rests on secondary or unconfirmed list facts.
    public var onWeakEvidence: Int

    public init(
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
