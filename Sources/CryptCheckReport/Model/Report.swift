import CryptCheckModel
import CryptCheckPolicy

/// Everything a report shows, built once from observations and findings; every renderer (HTML,
/// JSON, CSV, SARIF, CycloneDX, text) is a pure function of it. The time and the tool version
/// are inputs, so the same inputs give the same bytes.
package struct Report: Sendable, Hashable, Codable {
    package static let currentSchema = "cryptcheck-report/2"

    package var schema: String
    package var tool: ReportTool
    /// When the report was made, ISO 8601 UTC (an input, never read from the clock here).
    package var generatedAt: String
    package var system: ReportSystem
    /// The day the findings were judged as of, `YYYY-MM-DD`.
    package var asOf: String
    /// The planned end of operation LS-0003 strength was judged by, given or assumed.
    package var operationEnd: OperationEnd
    package var targetProfile: String
    /// The documents judged against, with their evidence levels.
    package var lists: [ListReference]
    /// Every entry of the ciphers lists judged against (SARIF rules, the report's citations).
    package var listEntries: [ReportListEntry]
    package var scope: ReportScope
    package var verdict: OverallVerdict
    package var findings: [Finding]
    package var profiles: [ProfileResult]
    /// Accepted suites the ciphers list and the target GL-3001 profile judge differently (the
    /// report says which rule decides what).
    package var ruleDifferences: [RuleDifference]
    /// The days before the end of operation on which a strength level's LS-0003 standing
    /// changes, with the findings each affects (empty when none falls inside the period).
    package var deadlines: [StrengthDeadline]
    /// What changes if the system ran until the `--projection` day.
    package var transition: StrengthTransition?
    package var evidence: ReportEvidence
    package var unscanned: [UnscannedTarget]
    package var summary: EvaluationSummary
    /// What the (first) policy accepts, for the configuration lines of the report's actions;
    /// absent from reports made before it.
    package var configuration: AcceptableConfiguration? = nil
    /// `sha256:HEX` of the report's canonical JSON with this field left out, so a copy can be
    /// checked (`cryptcheck report verify`).
    package var dataDigest: String?
}

package struct ReportTool: Sendable, Hashable, Codable {
    package var name: String
    package var version: String
    package init(name: String = "cryptcheck", version: String) {
        self.name = name
        self.version = version
    }
}

/// Who and what the report is for (`--system-name`, `--reference`, `--evaluator`).
package struct ReportSystem: Sendable, Hashable, Codable {
    package var name: String?
    package var reference: String?
    package var evaluator: String?
    package init(name: String? = nil, reference: String? = nil, evaluator: String? = nil) {
        self.name = name
        self.reference = reference
        self.evaluator = evaluator
    }
}

/// One entry of a ciphers list.
package struct ReportListEntry: Sendable, Hashable, Codable {
    /// The list revision (`LS-0001-2022R2`).
    package var list: String
    package var primitive: String
    package var technique: String
    package var tier: String
    package var category: String
    package var evidence: EvidenceLevel
    package var notes: [String]
    package var question: String?

    /// The stable identifier of the entry (`LS-0001-2022R2/aes`).
    package var id: String { "\(list)/\(primitive)" }
}

/// What was scanned.
package struct ReportScope: Sendable, Hashable, Codable {
    package var endpoints: [String]
    package var paths: [String]
}

/// The decision: conformant, conformant with conditions, indeterminate, or not conformant, and why.
package struct OverallVerdict: Sendable, Hashable, Codable {
    package enum Status: String, Sendable, Codable, CaseIterable {
        case conformant
        case conformantWithConditions = "conformant-with-conditions"
        /// Something could not be observed and no serious violation was found: the system cannot
        /// be called conformant (判定不能). Never shown as a pass.
        case indeterminate
        case notConformant = "not-conformant"
    }

    package var status: Status
    package var reasons: [VerdictReason]
}

/// One reason behind the overall verdict, as counts and examples (renderers phrase it).
package struct VerdictReason: Sendable, Hashable, Codable {
    package enum Kind: String, Sendable, Codable, CaseIterable {
        /// Violations of medium severity or worse: these make the system not conformant.
        case violations
        /// Low-severity violations.
        case minorViolations = "minor-violations"
        /// Passing on candidate-tier (not yet recommended) primitives.
        case candidatePrimitives = "candidate-primitives"
        /// Things that could not be observed or scanned.
        case incomplete
        /// Nothing at all was judged (no endpoint, file or target): nothing to call conformant.
        case nothingObserved = "nothing-observed"
        /// Passing now, failing if the system ran until the projection day.
        case transition
        /// Passing on a strength level in LS-0003's migration-completion period (移行完遂期間).
        case migrationPeriod = "migration-period"
        /// Passing on a strength level tolerated only for processing existing data.
        case processingOnly = "processing-only"
        /// No end of operation was given: strength passes only for a system that ends by `date`.
        case operationEndAssumed = "operation-end-assumed"
        /// Verdicts resting on secondary or unconfirmed list facts.
        case weakEvidence = "weak-evidence"
    }

    package var kind: Kind
    package var count: Int
    /// The worst severity among them, for violations.
    package var severity: Severity?
    /// Up to five `subject — item` examples.
    package var examples: [String]
    /// For `operation-end-assumed`: the earliest day the passing strengths are usable through.
    package var date: String? = nil
}

/// A day before the end of operation on which one strength level's LS-0003 standing changes.
package struct StrengthDeadline: Sendable, Hashable, Codable {
    /// `YYYY-MM-DD`: the first day of the new standing.
    package var date: String
    package var strengthBits: Int
    /// New protection, or processing existing data (listed only when a finding is about it).
    package var use: StrengthUse
    package var before: StrengthStatus
    package var after: StrengthStatus
    package var evidence: EvidenceLevel
    package var note: String
    /// How many findings rest on this level, and up to five `subject — item` examples.
    package var affected: Int
    package var examples: [String]
}

/// Findings whose verdict changes if the system ran until the projection date.
package struct StrengthTransition: Sendable, Hashable, Codable {
    /// The projection date, `YYYY-MM-DD`: the end of operation judged instead.
    package var date: String
    package var changes: [TransitionChange]
}

package struct TransitionChange: Sendable, Hashable, Codable {
    package var subject: String
    package var component: FindingComponent
    package var item: String
    package var context: String?
    package var list: String
    package var verdictNow: Verdict
    package var verdictThen: Verdict
    package var strengthBits: Int?
    package var requiredNow: Int?
    package var requiredThen: Int?
    /// The strength standing for the given end of operation and for the projection day.
    package var statusNow: StrengthStatus?
    package var statusThen: StrengthStatus?
    package var remediation: String?

    package init(
        subject: String, component: FindingComponent, item: String, context: String? = nil, list: String, verdictNow: Verdict,
        verdictThen: Verdict, strengthBits: Int? = nil, requiredNow: Int? = nil, requiredThen: Int? = nil,
        statusNow: StrengthStatus? = nil, statusThen: StrengthStatus? = nil, remediation: String? = nil
    ) {
        self.subject = subject
        self.component = component
        self.item = item
        self.context = context
        self.list = list
        self.verdictNow = verdictNow
        self.verdictThen = verdictThen
        self.strengthBits = strengthBits
        self.requiredNow = requiredNow
        self.requiredThen = requiredThen
        self.statusNow = statusNow
        self.statusThen = statusThen
        self.remediation = remediation
    }
}
