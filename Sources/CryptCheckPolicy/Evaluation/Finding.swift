import CryptCheckModel

/// The outcome of judging one observed thing.
package enum Verdict: String, Sendable, Codable, CaseIterable {
    case pass, violation, indeterminate
    case notApplicable = "not-applicable"
}

/// How much a finding matters; `--fail-on` compares against it.
package enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    package static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The list fact a judgement rests on.
package struct Citation: Sendable, Hashable, Codable {
    /// Document ID and revision (`LS-0001-2012`, `LS-0001-2012R8`).
    package var listID: String
    package var revision: String
    /// The list category, for ciphers-list citations.
    package var category: String?
    /// The technique as the list names it; `nil` when the primitive is not on the list.
    package var technique: String?
    package var tier: ListTier?
    /// The texts of the notes attached to the entry.
    package var notes: [String]
    package var evidence: EvidenceLevel
    /// True when the citation applies checker logic rather than a statement of the document.
    package var derived: Bool
    package var source: String?
    /// An open question about the entry, kept visible.
    package var question: String?

    package init(
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
package struct PrimitiveJudgement: Sendable, Hashable, Codable {
    /// What the primitive does here (`key exchange`, `cipher`, `MAC hash`, `signature`, ...).
    package var role: PrimitiveRole
    package var primitive: Primitive
    package var status: ListStatus
    package var citation: Citation
    /// Extra facts (curve coverage, key-size condition) that qualified the status.
    package var detail: String?

    package init(role: PrimitiveRole, primitive: Primitive, status: ListStatus, citation: Citation, detail: String? = nil) {
        self.role = role
        self.primitive = primitive
        self.status = status
        self.citation = citation
        self.detail = detail
    }
}

/// A key's (or cipher's, or hash's) security strength, judged by LS-0003 against the system's
/// planned end of operation.
package struct StrengthJudgement: Sendable, Hashable, Codable {
    /// `rsa`, `ffc`, `ecc`, `symmetric`, `hash`.
    package var family: StrengthFamily
    /// The size judged: modulus, order, key or output bits.
    package var size: Int
    package var strengthBits: Int
    /// The weakest strength usable for new protection through the end of operation (what a
    /// replacement needs); `strengthBits` when the table covers no level that far.
    package var requiredBits: Int
    /// The as-of day, `YYYY-MM-DD`.
    package var asOf: String
    /// The end of operation judged by, `YYYY-MM-DD` (the as-of day when none was given).
    package var operationEnd: String
    /// Whether this use protects new data or only processes existing data.
    package var use: StrengthUse
    /// The level's standing for that end of operation and use.
    package var status: StrengthStatus
    /// The day that decides the status: last day of use or of the migration period, or the
    /// first day it is not usable; `YYYY-MM-DD`.
    package var deadline: String?
    /// The weakest level acceptable (not in migration) through the end of operation: where a
    /// migration leads.
    package var targetBits: Int?
    package var meets: Bool
    package var citation: Citation

    package init(
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
    package var sentence: String {
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
    package static func describe(_ bits: Int) -> String { bits < 80 ? "<80" : String(bits) }
}

/// A fix for a finding: its code and its English text.
package struct Remedy: Sendable, Hashable {
    package var code: RemediationCode
    package var text: String

    package init(_ code: RemediationCode, _ text: String) {
        self.code = code
        self.text = text
    }
}

/// One judged thing: subject, primitives with their list status, strength, verdict and why.
package struct Finding: Sendable, Hashable, Codable {
    /// The endpoint (`host:port`) or file (`path`, `path#2` inside a bundle).
    package var subject: String
    /// What part of the subject (`cipher-suite`, `certificate-key`, `protocol-version`, ...).
    package var component: FindingComponent
    /// The judged thing as shown to a person (`TLS_RSA_WITH_AES_128_CBC_SHA (0x002F)`).
    package var item: String
    /// Where within the subject (`TLSv1.2`, `chain 1 certificate 2`).
    package var context: String?
    /// The ciphers list (revision) this finding was judged against.
    package var list: String
    /// The worst list status among the primitives.
    package var listStatus: ListStatus
    /// The primitive whose status or strength decided the verdict.
    package var decidingPrimitive: Primitive?
    package var primitives: [PrimitiveJudgement]
    package var strength: StrengthJudgement?
    /// The rule the verdict rests on when it is not a list primitive (a GL-3001 profile rule,
    /// RFC 5280 validity).
    package var basis: Citation?
    package var verdict: Verdict
    package var severity: Severity
    /// The weakest evidence the verdict rests on.
    package var evidence: EvidenceLevel
    /// True when the verdict rests on derived (checker) logic.
    package var derived: Bool
    package var message: String
    /// What to do about a violation (or an unobserved thing), in English.
    package var remediation: String?
    /// The kind of fix `remediation` asks for: a report in another language words it from this.
    package var remediationCode: RemediationCode?
    /// The stable code of the operational failure that left this finding indeterminate (a
    /// failed probe, a file error, an unscanned target: `connection.timeout`, `der.truncated`);
    /// `nil` for any other finding, or when the observation was saved before codes.
    package var errorCode: ErrorCode?
    /// True when the subject was declared in a CycloneDX BOM, not observed (`cryptcheck
    /// evaluate vendor.cdx.json`); `nil` (left out of the JSON) for everything observed.
    package var declared: Bool?

    package init(
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
    package var remedy: Remedy? {
        get { remediationCode.flatMap { code in remediation.map { Remedy(code, $0) } } }
        set {
            remediation = newValue?.text
            remediationCode = newValue?.code
        }
    }
}
