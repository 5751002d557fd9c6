import Foundation

/// A TLS supported_groups value, identified by its code point.
public struct NamedGroup: TwoByteCodePoint {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let kindName = "named group"

    public var info: NamedGroupInfo? { NamedGroupRegistry.byCode[rawValue] }
    /// The registry name (lower-cased, as TLS libraries spell it: `x25519`, `secp256r1`).
    public var name: String { info?.name.lowercased() ?? (isGREASE ? "GREASE_\(hex)" : hex) }

    /// Looks a group up by registry name (any case), a common alias or `0xNNNN`.
    public init?(name: String) {
        let aliases = [
            "p-256": "secp256r1", "prime256v1": "secp256r1", "p-384": "secp384r1",
            "p-521": "secp521r1", "x25519mlkem768": "x25519_ml_kem_768",
            "secp256r1mlkem768": "secp256r1_ml_kem_768", "secp384r1mlkem1024": "secp384r1_ml_kem_1024",
        ]
        let key = name.lowercased()
        if let code = NamedGroupRegistry.byName[aliases[key] ?? key] {
            self.init(code)
        } else if let value = Self.fromHex(name) {
            self = value
        } else {
            return nil
        }
    }
}

/// What a named group is made of.
public enum NamedGroupKind: String, Sendable, Codable {
    case ellipticCurve = "elliptic-curve"
    case ffdhe
    case kem
    case hybrid
    case explicitCurves = "explicit-curves"
}

/// The decomposition of one registry group.
public struct NamedGroupInfo: Sendable, Hashable {
    public let code: UInt16
    public let name: String
    public let kind: NamedGroupKind
    /// The elliptic curve (classical part of a hybrid), as an `EllipticCurve` identifier.
    public let curve: String?
    /// The modulus size of an RFC 7919 FFDHE group.
    public let ffdheBits: Int?
    /// The KEM (post-quantum part of a hybrid).
    public let kem: Primitive?
    /// False for draft, vendor and private-range code points.
    public let isStandard: Bool
    public let versions: ClosedRange<ProtocolVersion>

    public var group: NamedGroup { NamedGroup(code) }
}

/// The compiled-in named group registry.
public enum NamedGroupRegistry {
    public static let byCode: [UInt16: NamedGroupInfo] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.code, $0) })
    /// Code points by lower-cased registry name.
    public static let byName: [String: UInt16] = Dictionary(
        table.map { ($0.name.lowercased(), $0.code) }, uniquingKeysWith: { first, _ in first })
    public static var all: [NamedGroupInfo] { table }
}
