import CryptCheckModel
import CryptCheckPolicy
import Foundation

/// One run of `tls` or `scan` as it is written to the store.
package struct ScanRecord: Sendable {
    /// `tls` or `scan`.
    package var command: String
    package var tool: String
    /// The list documents judged by (`LS-0001-2022`, ...).
    package var lists: [String]
    package var asOf: String
    package var startedAt: Date
    package var finishedAt: Date
    /// SIGINT stopped the run: what was not scanned is in `observations.unscanned`.
    package var interrupted: Bool
    package var observations: ObservationSet
    /// The observations as `--save-observations` writes them.
    package var observationsJSON: [UInt8]
    /// The paths given to `scan`, absolute; empty for `tls`.
    package var roots: [String]
    package var findings: [Finding]

    package init(
        command: String, tool: String, lists: [String], asOf: String, startedAt: Date, finishedAt: Date, interrupted: Bool,
        observations: ObservationSet, observationsJSON: [UInt8], roots: [String], findings: [Finding]
    ) {
        self.command = command
        self.tool = tool
        self.lists = lists
        self.asOf = asOf
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.interrupted = interrupted
        self.observations = observations
        self.observationsJSON = observationsJSON
        self.roots = roots
        self.findings = findings
    }

    /// The targets the run covered, each with its kind: endpoints, the paths given, files
    /// read and targets not scanned.
    var targets: [(name: String, kind: String)] {
        var targets: [(name: String, kind: String)] = observations.endpoints.map { (name: $0.endpoint, kind: "endpoint") }
        targets += observations.sshEndpoints.map { (name: $0.subject, kind: "endpoint") }
        targets += roots.map { (name: $0, kind: "root") }
        targets += observations.files.map { (name: $0.path, kind: "file") }
        targets += observations.unscanned.map { (name: $0.target, kind: "unscanned") }
        return targets
    }
}

/// What one scan becomes in the store's tables, the same for every backend.
package struct ScanRows: Sendable {
    /// `scan.lists`: the list documents joined by spaces.
    package var lists: String
    package var startedAt: String
    package var finishedAt: String
    /// `scan.verdict`.
    package var verdict: String
    package var targets: [TargetRow]
    package var findings: [ComparedFinding]

    /// A row of `target`: a target the scan covered with its verdict and counts.
    package struct TargetRow: Sendable {
        package var name: String
        package var kind: String
        package var verdict: String
        package var violations: Int
        package var indeterminate: Int
    }
}

extension ScanRecord {
    /// The rows this scan is stored as.
    package var rows: ScanRows {
        let verdict = TargetVerdict(verdicts: findings.map(\.verdict.rawValue), unscanned: interrupted || !observations.unscanned.isEmpty)
        let compared = findings.map(ComparedFinding.init)
        let targets = targets.map { target in
            let counts = TargetVerdict(
                verdicts: compared.filter { TargetVerdict.covers(target.name, kind: target.kind, subject: $0.subject) }.map(\.verdict),
                unscanned: target.kind == "unscanned")
            return ScanRows.TargetRow(
                name: target.name, kind: target.kind, verdict: counts.verdict, violations: counts.violations,
                indeterminate: counts.indeterminate)
        }
        return ScanRows(
            lists: lists.joined(separator: " "), startedAt: Self.timestamp(startedAt), finishedAt: Self.timestamp(finishedAt),
            verdict: verdict.verdict, targets: targets, findings: compared)
    }

    /// Times as stored: ISO 8601 in UTC with milliseconds.
    package static func timestamp(_ date: Date) -> String {
        var style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        style.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(style)
    }
}
