import CryptCheckPolicy
import Foundation

/// A target's verdict from the findings about it: a violation if any, else indeterminate if
/// anything could not be judged (or the target was not scanned), else pass.
package struct TargetVerdict: Sendable, Hashable, Codable {
    package var verdict: String
    package var violations: Int
    package var indeterminate: Int

    package init(verdicts: [String], unscanned: Bool = false) {
        violations = verdicts.filter { $0 == Verdict.violation.rawValue }.count
        indeterminate = verdicts.filter { $0 == Verdict.indeterminate.rawValue }.count
        verdict =
            violations > 0
            ? Verdict.violation.rawValue : (indeterminate > 0 || unscanned) ? Verdict.indeterminate.rawValue : Verdict.pass.rawValue
    }

    /// Whether a finding's subject is about `target`: the same name, an object inside it
    /// (`path#2`), or, for a path given to `scan` (absolute), a file under it.
    package static func covers(_ target: String, kind: String, subject: String) -> Bool {
        if subject == target || subject.hasPrefix(target + "#") { return true }
        guard kind == "root" else { return false }
        let absolute = StorePaths.absolute(subject)
        return absolute == target || absolute.hasPrefix(target.hasSuffix("/") ? target : target + "/")
    }
}
