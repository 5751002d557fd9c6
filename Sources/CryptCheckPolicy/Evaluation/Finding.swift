import CryptCheckModel

/// The outcome of judging one observed thing.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    case pass, violation, indeterminate
    case notApplicable = "not-applicable"
}

/// How much a finding matters; `--fail-on` compares against it.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The list fact a judgement rests on.
public struct Citation: Sendable, Hashable, Codable {
    /// Document ID and revision (`LS-0001-2012`, `LS-0001-2012R8`).
    public var listID: String
    public var revision: String
    /// The list category, for ciphers-list citations.
    public var category: String?
    /// The technique as the list names it; `nil` when the primitive is not on the list.
    public var technique: String?
    public var tier: ListTier?
    /// The texts of the notes attached to the entry.
    public var notes: [String]
    public var evidence: EvidenceLevel
    /// True when the citation applies checker logic rather than a statement of the document.
    public var derived: Bool
    public var source: String?
    /// An open question about the entry, kept visible.
    public var question: String?

    public init(
        listID: String, revision: String, category: String? = nil, technique: String? = nil,
        tier: ListTier? = nil, notes: [String] = [], evidence: EvidenceLevel, derived: Bool = false,
        source: String? = nil, question: String? = nil
    ) {
        self.listID = listID
        self.revision = revision
        self.category = category
        self.technique = technique
        self.tier = tier
        self.notes = notes
        self.evidence = evidence
        self.derived = derived
        self.source = source
        self.question = question
    }
}

/// One primitive of a judged thing, with its list status.
public struct PrimitiveJudgement: Sendable, Hashable, Codable {
    /// What the primitive does here (`key exchange`, `cipher`, `MAC hash`, `signature`, ...).
    public var role: PrimitiveRole
    public var primitive: Primitive
    public var status: ListStatus
    public var citation: Citation
    /// Extra facts (curve coverage, key-size condition) that qualified the status.
    public var detail: String?

    public init(role: PrimitiveRole, primitive: Primitive, status: ListStatus, citation: Citation, detail: String? = nil) {
        self.role = role
        self.primitive = primitive
        self.status = status
        self.citation = citation
        self.detail = detail
    }
}

/// A key's (or cipher's, or hash's) security strength, judged by LS-0003 against the system's
/// planned end of operation.
public struct StrengthJudgement: Sendable, Hashable, Codable {
    /// `rsa`, `ffc`, `ecc`, `symmetric`, `hash`.
    public var family: StrengthFamily
    /// The size judged: modulus, order, key or output bits.
    public var size: Int
    public var strengthBits: Int
    /// The weakest strength usable for new protection through the end of operation (what a
    /// replacement needs); `strengthBits` when the table covers no level that far.
    public var requiredBits: Int
    /// The as-of day, `YYYY-MM-DD`.
    public var asOf: String
    /// The end of operation judged by, `YYYY-MM-DD` (the as-of day when none was given).
    public var operationEnd: String
    /// Whether this use protects new data or only processes existing data.
    public var use: StrengthUse
    /// The level's standing for that end of operation and use.
    public var status: StrengthStatus
    /// The day that decides the status: last day of use or of the migration period, or the
    /// first day it is not usable; `YYYY-MM-DD`.
    public var deadline: String?
    /// The weakest level acceptable (not in migration) through the end of operation: where a
    /// migration leads.
    public var targetBits: Int?
    public var meets: Bool
    public var citation: Citation

    public init(
        family: StrengthFamily, size: Int, strengthBits: Int, requiredBits: Int, asOf: String, operationEnd: String? = nil,
        use: StrengthUse = .newProtection, status: StrengthStatus? = nil, deadline: String? = nil, targetBits: Int? = nil,
        citation: Citation
    ) {
        self.family = family
        self.size = size
        self.strengthBits = strengthBits
        self.requiredBits = requiredBits
        self.asOf = asOf
        self.operationEnd = operationEnd ?? asOf
        self.use = use
        self.status = status ?? (strengthBits >= requiredBits ? .acceptable : .notAcceptable)
        self.deadline = deadline
        self.targetBits = targetBits
        self.meets = self.status.isUsable
        self.citation = citation
    }

    /// One sentence on the standing, in LS-0003's terms: what the level is, for which end of
    /// operation, and the deadline.
    public var sentence: String {
        let what = "\(Self.describe(strengthBits))-bit strength (\(family) \(size))"
        let until = "for operation until \(operationEnd)"
        switch status {
        case .acceptable:
            return "\(what) is acceptable \(until)" + (deadline.map { " (usable through \($0))" } ?? "")
        case .migrationPeriod:
            return "\(what): the end of operation (\(operationEnd)) falls in LS-0003's migration-completion period "
                + "(移行完遂期間, through \(deadline ?? "?")); plan the migration"
                + (targetBits.map { " to \($0)-bit strength" } ?? "")
        case .processingOnly:
            return
                "\(what) is tolerated only for processing existing data (処理のみ許容) \(until); not usable for new protection from \(deadline ?? "?")"
        case .notAcceptable:
            let needed =
                targetBits.map { target in
                    "at least \(requiredBits) bits are required"
                        + (target > requiredBits ? " (\(target) bits need no migration before the end of operation)" : "")
                } ?? "LS-0003's table names no level acceptable that long"
            if let deadline {
                return "\(what) is not usable for new protection (利用不可) from \(deadline) \(until); \(needed)"
            }
            return "\(what) is below the weakest level LS-0003 accepts (112 bits) \(until); \(needed)"
        case .beyondTable:
            return "\(what): LS-0003's table ends at \(deadline ?? "?"); its standing \(until) is not known"
        }
    }

    /// `112`, or `<80` for sizes below every row of the table.
    public static func describe(_ bits: Int) -> String { bits < 80 ? "<80" : String(bits) }
}

/// A fix for a finding: its code and its English text.
public struct Remedy: Sendable, Hashable {
    public var code: RemediationCode
    public var text: String

    public init(_ code: RemediationCode, _ text: String) {
        self.code = code
        self.text = text
    }
}

/// One judged thing: subject, primitives with their list status, strength, verdict and why.
public struct Finding: Sendable, Hashable, Codable {
    /// The endpoint (`host:port`) or file (`path`, `path#2` inside a bundle).
    public var subject: String
    /// What part of the subject (`cipher-suite`, `certificate-key`, `protocol-version`, ...).
    public var component: FindingComponent
    /// The judged thing as shown to a person (`TLS_RSA_WITH_AES_128_CBC_SHA (0x002F)`).
    public var item: String
    /// Where within the subject (`TLSv1.2`, `chain 1 certificate 2`).
    public var context: String?
    /// The ciphers list (revision) this finding was judged against.
    public var list: String
    /// The worst list status among the primitives.
    public var listStatus: ListStatus
    /// The primitive whose status or strength decided the verdict.
    public var decidingPrimitive: Primitive?
    public var primitives: [PrimitiveJudgement]
    public var strength: StrengthJudgement?
    /// The rule the verdict rests on when it is not a list primitive (a GL-3001 profile rule,
    /// RFC 5280 validity).
    public var basis: Citation?
    public var verdict: Verdict
    public var severity: Severity
    /// The weakest evidence the verdict rests on.
    public var evidence: EvidenceLevel
    /// True when the verdict rests on derived (checker) logic.
    public var derived: Bool
    public var message: String
    /// What to do about a violation (or an unobserved thing), in English.
    public var remediation: String?
    /// The kind of fix `remediation` asks for: a report in another language words it from this.
    public var remediationCode: RemediationCode?
    /// The stable code of the operational failure that left this finding indeterminate (a
    /// failed probe, a file error, an unscanned target: `connection.timeout`, `der.truncated`);
    /// `nil` for any other finding, or when the observation was saved before codes.
    public var errorCode: ErrorCode?

    public init(
        subject: String, component: FindingComponent, item: String, context: String? = nil, list: String,
        listStatus: ListStatus, decidingPrimitive: Primitive? = nil, primitives: [PrimitiveJudgement] = [],
        strength: StrengthJudgement? = nil, basis: Citation? = nil, verdict: Verdict, severity: Severity, evidence: EvidenceLevel,
        derived: Bool, message: String, remediation: String? = nil, remediationCode: RemediationCode? = nil,
        errorCode: ErrorCode? = nil
    ) {
        self.subject = subject
        self.component = component
        self.item = item
        self.context = context
        self.list = list
        self.listStatus = listStatus
        self.decidingPrimitive = decidingPrimitive
        self.primitives = primitives
        self.strength = strength
        self.basis = basis
        self.verdict = verdict
        self.severity = severity
        self.evidence = evidence
        self.derived = derived
        self.message = message
        self.remediation = remediation
        self.remediationCode = remediationCode
        self.errorCode = errorCode
    }
}

extension Finding {
    /// The finding's fix (text and code together), `nil` for none.
    public var remedy: Remedy? {
        get { remediationCode.flatMap { code in remediation.map { Remedy(code, $0) } } }
        set {
            remediation = newValue?.text
            remediationCode = newValue?.code
        }
    }
}
