import CryptCheckModel

/// CRYPTREC GL-3001: the TLS configuration profiles and their rules.
public struct TLSGuideline: Sendable {
    public let header: DocumentHeader
    /// Profiles from the strictest to the most lenient.
    public let profiles: [TLSProfile]
    /// The guideline's own suite table: recommended and prohibited entries, each naming the
    /// profiles it applies to (schema 2). A suite in neither class is a should-level finding.
    public let suiteClasses: [SuiteClassEntry]

    public init(header: DocumentHeader, profiles: [TLSProfile], suiteClasses: [SuiteClassEntry] = []) {
        self.header = header
        self.profiles = profiles
        self.suiteClasses = suiteClasses
    }

    public func profile(_ id: String) -> TLSProfile? { profiles.first { $0.id == id } }

    /// The suite-class entries of one profile.
    public func suiteClasses(of profile: String) -> [SuiteClassEntry] {
        suiteClasses.filter { $0.profiles.contains(profile) }
    }
}

/// One profile (high security / recommended / security exception).
public struct TLSProfile: Sendable {
    public let id: String
    public let name: String
    public let nameJa: String?
    public let rules: [ProfileRule]

    /// Versions this profile allows, from its `versions-allowed` rule (all versions if none).
    public var allowedVersions: Set<ProtocolVersion> {
        for rule in rules { if case .versionsAllowed(let versions) = rule.kind { return versions } }
        return Set(ProtocolVersion.all)
    }
}

/// A minimum size for one key type of a server certificate.
public struct CertificateKeyRequirement: Sendable, Hashable {
    public let algorithm: KeyAlgorithm
    /// Smallest accepted size in bits (modulus for RSA, order for EC); `nil` for any.
    public let minBits: Int?
}

/// A rule of a profile, with the evidence it rests on.
public struct ProfileRule: Sendable {
    public enum Kind: Sendable {
        case versionsRequired(Set<ProtocolVersion>)
        case versionsAllowed(Set<ProtocolVersion>)
        case minStrength(Int)
        case forwardSecrecy
        case aeadOnly
        /// Judge accepted suites by the guideline's `suite_classes`.
        case suiteClasses
        case certificateHashesForbidden(Set<Primitive>)
        /// Server certificate keys: the accepted key types and their minimum sizes.
        case certificateKeys([CertificateKeyRequirement])
        /// Groups outside this set are a should-level finding.
        case groupsRecommended(Set<NamedGroup>)
        /// Handshake signature schemes with these hashes fail the profile.
        case signatureHashesForbidden(Set<Primitive>)
    }

    public let kind: Kind
    public let evidence: EvidenceLevel
    /// True when the rule is checker logic derived from other sources than the guideline's text.
    public let derived: Bool
    public let note: String

    /// The rule's name as written in list files.
    public var name: String {
        switch kind {
        case .versionsRequired: "versions-required"
        case .versionsAllowed: "versions-allowed"
        case .minStrength: "min-strength"
        case .forwardSecrecy: "forward-secrecy"
        case .aeadOnly: "aead-only"
        case .suiteClasses: "suite-classes"
        case .certificateHashesForbidden: "certificate-hashes-forbidden"
        case .certificateKeys: "certificate-keys"
        case .groupsRecommended: "groups-recommended"
        case .signatureHashesForbidden: "signature-hashes-forbidden"
        }
    }
}
