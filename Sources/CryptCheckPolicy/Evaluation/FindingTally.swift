import CryptCheckModel
import Foundation

/// The counts a summary takes from some findings, made without dictionaries so that worker
/// threads can count what they judged and the summary only adds them up.
package struct FindingTally: Sendable {
    package private(set) var findings = 0
    var byVerdict = [Int](repeating: 0, count: Verdict.allCases.count)
    var byListStatus = [Int](repeating: 0, count: ListStatus.allCases.count)
    var violationsBySeverity = [Int](repeating: 0, count: Severity.allCases.count)
    var incomplete = false
    var onWeakEvidence = 0

    package init(_ findings: [Finding]) {
        self.findings = findings.count
        for finding in findings {
            byVerdict[Verdict.allCases.firstIndex(of: finding.verdict)!] += 1
            byListStatus[ListStatus.allCases.firstIndex(of: finding.listStatus)!] += 1
            if finding.verdict == .violation { violationsBySeverity[Severity.allCases.firstIndex(of: finding.severity)!] += 1 }
            if finding.verdict == .indeterminate { incomplete = true }
            if finding.evidence != .confirmed { onWeakEvidence += 1 }
        }
    }
}
