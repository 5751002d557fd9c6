import CryptCheckModel
import CryptCheckPolicy

/// Everything a report shows, built once from observations and findings; every renderer (HTML,
/// JSON, CSV, SARIF, CycloneDX, text) is a pure function of it. The time and the tool version
/// are inputs, so the same inputs give the same bytes.
public struct Report: Sendable, Hashable, Codable {
    public static let currentSchema = "cryptcheck-report/2"

    public var schema: String
    public var tool: ReportTool
    /// When the report was made, ISO 8601 UTC (an input, never read from the clock here).
    public var generatedAt: String
    public var system: ReportSystem
    /// The day the findings were judged as of, `YYYY-MM-DD`.
    public var asOf: String
    /// The planned end of operation LS-0003 strength was judged by, given or assumed.
    public var operationEnd: OperationEnd
    public var targetProfile: String
    /// The documents judged against, with their evidence levels.
    public var lists: [ListReference]
    /// Every entry of the ciphers lists judged against (SARIF rules, the report's citations).
    public var listEntries: [ReportListEntry]
    public var scope: ReportScope
    public var verdict: OverallVerdict
    public var findings: [Finding]
    public var profiles: [ProfileResult]
    /// Accepted suites the ciphers list and the target GL-3001 profile judge differently (the
    /// report says which rule decides what).
    public var ruleDifferences: [RuleDifference]
    /// The days before the end of operation on which a strength level's LS-0003 standing
    /// changes, with the findings each affects (empty when none falls inside the period).
    public var deadlines: [StrengthDeadline]
    /// What changes if the system ran until the `--projection` day.
    public var transition: StrengthTransition?
    public var evidence: ReportEvidence
    public var unscanned: [UnscannedTarget]
    public var summary: EvaluationSummary
    /// What the (first) policy accepts, for the configuration lines of the report's actions;
    /// absent from reports made before it.
    public var configuration: AcceptableConfiguration? = nil
    /// `sha256:HEX` of the report's canonical JSON with this field left out, so a copy can be
    /// checked (`cryptcheck report verify`).
    public var dataDigest: String?
}

public struct ReportTool: Sendable, Hashable, Codable {
    public var name: String
    public var version: String
    public init(name: String = "cryptcheck", version: String) {
        self.name = name
        self.version = version
    }
}

/// Who and what the report is for (`--system-name`, `--reference`, `--evaluator`).
public struct ReportSystem: Sendable, Hashable, Codable {
    public var name: String?
    public var reference: String?
    public var evaluator: String?
    public init(name: String? = nil, reference: String? = nil, evaluator: String? = nil) {
        self.name = name
        self.reference = reference
        self.evaluator = evaluator
    }
}

/// One entry of a ciphers list.
public struct ReportListEntry: Sendable, Hashable, Codable {
    /// The list revision (`LS-0001-2022R2`).
    public var list: String
    public var primitive: String
    public var technique: String
    public var tier: String
    public var category: String
    public var evidence: EvidenceLevel
    public var notes: [String]
    public var question: String?

    /// The stable identifier of the entry (`LS-0001-2022R2/aes`).
    public var id: String { "\(list)/\(primitive)" }
}

/// What was scanned.
public struct ReportScope: Sendable, Hashable, Codable {
    public var endpoints: [String]
    public var paths: [String]
}

/// The decision: conformant, conformant with conditions, indeterminate, or not conformant, and why.
public struct OverallVerdict: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case conformant
        case conformantWithConditions = "conformant-with-conditions"
        /// Something could not be observed and no serious violation was found: the system cannot
        /// be called conformant (判定不能). Never shown as a pass.
        case indeterminate
        case notConformant = "not-conformant"
    }

    public var status: Status
    public var reasons: [VerdictReason]
}

/// One reason behind the overall verdict, as counts and examples (renderers phrase it).
public struct VerdictReason: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
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

    public var kind: Kind
    public var count: Int
    /// The worst severity among them, for violations.
    public var severity: Severity?
    /// Up to five `subject — item` examples.
    public var examples: [String]
    /// For `operation-end-assumed`: the earliest day the passing strengths are usable through.
    public var date: String? = nil
}

/// A day before the end of operation on which one strength level's LS-0003 standing changes.
public struct StrengthDeadline: Sendable, Hashable, Codable {
    /// `YYYY-MM-DD`: the first day of the new standing.
    public var date: String
    public var strengthBits: Int
    /// New protection, or processing existing data (listed only when a finding is about it).
    public var use: StrengthUse
    public var before: StrengthStatus
    public var after: StrengthStatus
    public var evidence: EvidenceLevel
    public var note: String
    /// How many findings rest on this level, and up to five `subject — item` examples.
    public var affected: Int
    public var examples: [String]
}

/// Findings whose verdict changes if the system ran until the projection date.
public struct StrengthTransition: Sendable, Hashable, Codable {
    /// The projection date, `YYYY-MM-DD`: the end of operation judged instead.
    public var date: String
    public var changes: [TransitionChange]
}

public struct TransitionChange: Sendable, Hashable, Codable {
    public var subject: String
    public var component: FindingComponent
    public var item: String
    public var context: String?
    public var list: String
    public var verdictNow: Verdict
    public var verdictThen: Verdict
    public var strengthBits: Int?
    public var requiredNow: Int?
    public var requiredThen: Int?
    /// The strength standing for the given end of operation and for the projection day.
    public var statusNow: StrengthStatus?
    public var statusThen: StrengthStatus?
    public var remediation: String?

    public init(
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
