import CryptCheckModel

/// CRYPTREC GL-3001: the TLS configuration profiles and their rules.
package struct TLSGuideline: Sendable {
    package let header: DocumentHeader
    /// Profiles from the strictest to the most lenient.
    package let profiles: [TLSProfile]
    /// The guideline's own suite table: recommended and prohibited entries, each naming the
    /// profiles it applies to (schema 2). A suite in neither class is a should-level finding.
    package let suiteClasses: [SuiteClassEntry]

    package init(header: DocumentHeader, profiles: [TLSProfile], suiteClasses: [SuiteClassEntry] = []) {
        self.header = header
        self.profiles = profiles
        self.suiteClasses = suiteClasses
    }

    package func profile(_ id: String) -> TLSProfile? { profiles.first { $0.id == id } }

    /// The suite-class entries of one profile.
    package func suiteClasses(of profile: String) -> [SuiteClassEntry] {
        suiteClasses.filter { $0.profiles.contains(profile) }
    }
}

/// One profile (high security / recommended / security exception).
package struct TLSProfile: Sendable {
    package let id: String
    package let name: String
    package let nameJa: String?
    package let rules: [ProfileRule]

    /// Versions this profile allows, from its `versions-allowed` rule (all versions if none).
    package var allowedVersions: Set<ProtocolVersion> {
        for rule in rules { if case .versionsAllowed(let versions) = rule.kind { return versions } }
        return Set(ProtocolVersion.all)
    }
}

/// A minimum size for one key type of a server certificate.
package struct CertificateKeyRequirement: Sendable, Hashable {
    package let algorithm: KeyAlgorithm
    /// Smallest accepted size in bits (modulus for RSA, order for EC); `nil` for any.
    package let minBits: Int?
}

/// A rule of a profile, with the evidence it rests on.
package struct ProfileRule: Sendable {
    package enum Kind: Sendable {
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

    package let kind: Kind
    package let evidence: EvidenceLevel
    /// True when the rule is checker logic derived from other sources than the guideline's text.
    package let derived: Bool
    package let note: String

    /// The rule's name as written in list files.
    package var name: String {
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
