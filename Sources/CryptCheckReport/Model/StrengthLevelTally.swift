import CryptCheckModel
import CryptCheckPolicy
import Foundation

/// The findings resting on each LS-0003 strength level, per use, counted one at a time (with the
/// first five examples), so the deadlines inside the operating period can be listed from a
/// whole report or from a stream alike.
package struct StrengthLevelTally: Sendable {
    struct Key: Hashable, Sendable {
        var level: Int
        var use: StrengthUse
    }

    private var groups: [Key: VerdictTally.Group] = [:]

    package init() {}

    /// Counts `finding` under the level its strength reaches in `policy`'s LS-0003 table.
    package mutating func add(_ finding: Finding, policy: Policy) {
        guard let strength = finding.strength, let level = policy.strength?.period(for: strength.strengthBits)?.strength else { return }
        groups[Key(level: level, use: strength.use), default: VerdictTally.Group()].add(.info, example: example(finding))
    }

    /// Adds the tally of the findings that came after these.
    package mutating func add(_ other: StrengthLevelTally) {
        for (key, group) in other.groups { groups[key, default: VerdictTally.Group()].add(group) }
    }

    /// Every day after the as-of day and up to the end of operation on which a level's standing
    /// changes, per level and use, where some finding rests on that level.
    package func deadlines(_ policy: Policy) -> [StrengthDeadline] {
        guard let requirements = policy.strength else { return [] }
        let day: TimeInterval = 86_400
        let asOf = policy.asOf, end = policy.judgedOperationEnd
        var deadlines: [StrengthDeadline] = []
        for date in requirements.deadlines where date > asOf && date <= end {
            for period in requirements.periods {
                for use in StrengthUse.allCases {
                    let before = requirements.status(of: period.strength, operationEnd: date - day, use: use).status
                    let after = requirements.status(of: period.strength, operationEnd: date, use: use).status
                    guard before != after, let affected = groups[Key(level: period.strength, use: use)], affected.count > 0 else {
                        continue
                    }
                    deadlines.append(
                        StrengthDeadline(
                            date: Policy.dayText(date), strengthBits: period.strength, use: use, before: before,
                            after: after, evidence: period.evidence, note: period.note,
                            affected: affected.count, examples: affected.examples))
                }
            }
        }
        return deadlines
    }
}
