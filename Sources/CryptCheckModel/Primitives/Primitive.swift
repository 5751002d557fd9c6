/// A cryptographic primitive, technique or construction, named by a stable identifier
/// (`aes`, `sha-256`, `rsassa-pkcs1-v1_5`, `ml-kem-768`, ...).
///
/// This is the vocabulary shared by the registries, the observations and the list files. It is
/// an open set: an identifier the catalogue does not know stays representable and prints as
/// itself, but list files may only name catalogued identifiers (`isKnown`).
package struct Primitive: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    package let rawValue: String

    package init(rawValue: String) { self.rawValue = rawValue }
    package init(_ rawValue: String) { self.rawValue = rawValue }
    package init(stringLiteral value: String) { self.rawValue = value }

    package init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    package var description: String { rawValue }

    package static func < (lhs: Primitive, rhs: Primitive) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The catalogue entry, if this identifier is catalogued.
    package var info: PrimitiveInfo? { PrimitiveCatalogue.byID[self] }

    /// Whether the catalogue defines this identifier.
    package var isKnown: Bool { info != nil }

    /// The human-readable name, or the identifier itself when uncatalogued.
    package var displayName: String { info?.displayName ?? rawValue }
}

/// What kind of technique a primitive is; mirrors the CRYPTREC list categories where they exist.
package enum PrimitiveKind: String, Sendable, Codable, CaseIterable {
    case signature
    case confidentiality
    case keyExchange = "key-exchange"
    case kem
    case blockCipher64 = "block-cipher-64"
    case blockCipher128 = "block-cipher-128"
    case streamCipher = "stream-cipher"
    case hash
    case encryptionMode = "encryption-mode"
    case authenticatedEncryption = "authenticated-encryption"
    case mac
    case entityAuthentication = "entity-authentication"
    case keyDerivation = "key-derivation"
    /// Not a cryptographic technique but a marker for its absence (no authentication, no cipher).
    case none
}

/// A catalogue entry for a primitive identifier.
package struct PrimitiveInfo: Sendable, Hashable {
    package let id: Primitive
    package let displayName: String
    package let kind: PrimitiveKind

    init(_ id: String, _ displayName: String, _ kind: PrimitiveKind) {
        self.id = Primitive(id)
        self.displayName = displayName
        self.kind = kind
    }
}
