import CryptCheckModel

/// CRYPTREC GL-3001: the TLS configuration profiles and their rules.
public struct TLSGuideline: Sendable {
    public let header: DocumentHeader
    /// Profiles from the strictest to the most lenient.
    public let profiles: [TLSProfile]

    public func profile(_ id: String) -> TLSProfile? { profiles.first { $0.id == id } }
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

/// A rule of a profile, with the evidence it rests on.
public struct ProfileRule: Sendable {
    public enum Kind: Sendable {
        case versionsRequired(Set<ProtocolVersion>)
        case versionsAllowed(Set<ProtocolVersion>)
        case minStrength(Int)
        case forwardSecrecy
        case aeadOnly
        case suiteTiers(Set<ListStatus>)
        case certificateHashesForbidden(Set<Primitive>)
    }

    public let kind: Kind
    public let evidence: EvidenceLevel
    /// True when the rule applies the list and LS-0003 instead of the guideline's own table.
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
        case .suiteTiers: "suite-tiers"
        case .certificateHashesForbidden: "certificate-hashes-forbidden"
        }
    }
}
