import CryptCheckModel
import CryptCheckPolicy
import Foundation

/// What changed between two scans, per target (`cryptcheck-diff/1`). A target that one side
/// did not scan is "not scanned" there, never resolved or unchanged: nothing unobserved passes.
package struct ScanDiff: Sendable, Hashable, Codable {
    package static let currentSchema = "cryptcheck-diff/1"

    package var schema: String
    package var a: Side
    package var b: Side
    package var changed: Bool
    package var targets: [TargetDiff]
    /// A declared inventory (a CycloneDX BOM) against an observed one: compared by value, not
    /// per target (`targets` is then empty). Absent when two scans are compared.
    package var inventory: InventoryDiff?

    /// Where a side came from.
    package struct Side: Sendable, Hashable, Codable {
        package var source: String
        package var scanId: Int64?
        package var tool: String
        package var observedAt: Date
    }

    /// One target compared.
    package struct TargetDiff: Sendable, Hashable, Codable {
        package var target: String
        /// `endpoint` or `file`.
        package var kind: String
        /// `changed`, `unchanged`, `not-scanned-in-a` or `not-scanned-in-b`.
        package var status: String
        /// Why a side did not scan it, when one says.
        package var reason: String?
        package var verdictA: String?
        package var verdictB: String?
        package var changes: [FieldChange]
        package var newFindings: [ComparedFinding]
        package var resolvedFindings: [ComparedFinding]
        /// Findings about the same thing whose verdict changed (the verdict of A in `was`).
        package var changedFindings: [ChangedFinding]
    }

    /// What was added and removed in one field (`cipher-suites` under `TLSv1.2`).
    package struct FieldChange: Sendable, Hashable, Codable {
        package var field: String
        package var context: String?
        package var added: [String]
        package var removed: [String]
        /// The sides (`A`, `B`) whose enumeration of the field did not finish: a value missing
        /// there was not seen, which is not the same as gone.
        package var incompleteIn: [String]?
    }

    package struct ChangedFinding: Sendable, Hashable, Codable {
        package var finding: ComparedFinding
        package var was: String
    }

    /// A BOM's declared inventory against an observed one; `declaredSide` (`A` or `B`) is the BOM.
    package init(_ a: DiffSide, _ b: DiffSide, declaredSide: String, policies: [Policy]) {
        schema = Self.currentSchema
        self.a = Side(source: a.source, scanId: a.scanId, tool: a.tool, observedAt: a.observedAt)
        self.b = Side(source: b.source, scanId: b.scanId, tool: b.tool, observedAt: b.observedAt)
        let (declared, observed) = declaredSide == "A" ? (a, b) : (b, a)
        let inventory = InventoryDiff(
            declared: declared.observations, observed: observed.observations, declaredSide: declaredSide, policies: policies)
        self.inventory = inventory
        targets = []
        changed = inventory.changed
    }

    package init(_ a: DiffSide, _ b: DiffSide) {
        schema = Self.currentSchema
        self.a = Side(source: a.source, scanId: a.scanId, tool: a.tool, observedAt: a.observedAt)
        self.b = Side(source: b.source, scanId: b.scanId, tool: b.tool, observedAt: b.observedAt)
        let left = ObservedTargets(a.observations)
        let right = ObservedTargets(b.observations)
        var names: [String] = []
        for name in left.order + right.order where !names.contains(name) { names.append(name) }
        targets = names.map { name in
            Self.compare(name, left: left.targets[name], right: right.targets[name], a: a.findings, b: b.findings)
        }
        changed = targets.contains { $0.status != "unchanged" }
    }

    static func compare(
        _ name: String, left: ObservedTarget?, right: ObservedTarget?, a: [ComparedFinding], b: [ComparedFinding]
    ) -> TargetDiff {
        let kind = left?.kind ?? right?.kind ?? "endpoint"
        let findingsA = a.filter { TargetVerdict.covers(name, kind: kind, subject: $0.subject) }
        let findingsB = b.filter { TargetVerdict.covers(name, kind: kind, subject: $0.subject) }
        let verdictA = left.map { TargetVerdict(verdicts: findingsA.map(\.verdict), unscanned: $0.unscannedReason != nil).verdict }
        let verdictB = right.map { TargetVerdict(verdicts: findingsB.map(\.verdict), unscanned: $0.unscannedReason != nil).verdict }
        var diff = TargetDiff(
            target: name, kind: kind, status: "unchanged", reason: nil, verdictA: verdictA, verdictB: verdictB, changes: [],
            newFindings: [], resolvedFindings: [], changedFindings: [])
        guard let left, left.unscannedReason == nil else {
            diff.status = "not-scanned-in-a"
            diff.reason = left?.unscannedReason ?? "absent from A"
            return diff
        }
        guard let right, right.unscannedReason == nil else {
            diff.status = "not-scanned-in-b"
            diff.reason = right?.unscannedReason ?? "absent from B"
            return diff
        }
        for field in left.fields.keys.sorted() + right.fields.keys.sorted().filter({ left.fields[$0] == nil }) {
            let before = left.fields[field] ?? []
            let after = right.fields[field] ?? []
            let added = after.filter { !before.contains($0) }
            let removed = before.filter { !after.contains($0) }
            guard !added.isEmpty || !removed.isEmpty else { continue }
            let parts = field.split(separator: "\u{1F}", maxSplits: 1).map(String.init)
            let incomplete = [("A", left), ("B", right)].filter { $0.1.incomplete.contains(field) }.map(\.0)
            diff.changes.append(
                FieldChange(
                    field: parts[0], context: parts.count > 1 ? parts[1] : nil, added: added, removed: removed,
                    incompleteIn: incomplete.isEmpty ? nil : incomplete))
        }
        let open = { (finding: ComparedFinding) in
            finding.verdict == Verdict.violation.rawValue || finding.verdict == Verdict.indeterminate.rawValue
        }
        let byKeyA = Dictionary(findingsA.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let byKeyB = Dictionary(findingsB.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for finding in findingsB where open(finding) {
            if let before = byKeyA[finding.key] {
                if before.verdict != finding.verdict { diff.changedFindings.append(ChangedFinding(finding: finding, was: before.verdict)) }
            } else {
                diff.newFindings.append(finding)
            }
        }
        for finding in findingsA where open(finding) {
            if let after = byKeyB[finding.key] {
                // A violation or indeterminate that now passes.
                if !open(after) { diff.changedFindings.append(ChangedFinding(finding: after, was: finding.verdict)) }
            } else {
                diff.resolvedFindings.append(finding)
            }
        }
        let violationsFirst = { (x: ComparedFinding, y: ComparedFinding) in
            (x.verdict == Verdict.violation.rawValue ? 0 : 1, x.key) < (y.verdict == Verdict.violation.rawValue ? 0 : 1, y.key)
        }
        diff.newFindings.sort(by: violationsFirst)
        diff.resolvedFindings.sort(by: violationsFirst)
        diff.changedFindings.sort { violationsFirst($0.finding, $1.finding) }
        if !diff.changes.isEmpty || verdictA != verdictB || !diff.newFindings.isEmpty || !diff.resolvedFindings.isEmpty
            || !diff.changedFindings.isEmpty
        {
            diff.status = "changed"
        }
        return diff
    }
}
