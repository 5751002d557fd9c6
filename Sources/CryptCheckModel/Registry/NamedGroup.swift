import Foundation

/// A TLS supported_groups value, identified by its code point.
package struct NamedGroup: TwoByteCodePoint {
    package let rawValue: UInt16
    package init(rawValue: UInt16) { self.rawValue = rawValue }
    package static let kindName = "named group"

    package var info: NamedGroupInfo? { NamedGroupRegistry.byCode[rawValue] }
    /// The registry name (lower-cased, as TLS libraries spell it: `x25519`, `secp256r1`).
    package var name: String { info?.name.lowercased() ?? (isGREASE ? "GREASE_\(hex)" : hex) }

    /// Looks a group up by registry name (any case), a common alias or `0xNNNN`.
    package init?(name: String) {
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
package enum NamedGroupKind: String, Sendable, Codable {
    case ellipticCurve = "elliptic-curve"
    case ffdhe
    case kem
    case hybrid
    case explicitCurves = "explicit-curves"
}

/// The decomposition of one registry group.
package struct NamedGroupInfo: Sendable, Hashable {
    package let code: UInt16
    package let name: String
    package let kind: NamedGroupKind
    /// The elliptic curve (classical part of a hybrid), as an `EllipticCurve` identifier.
    package let curve: String?
    /// The modulus size of an RFC 7919 FFDHE group.
    package let ffdheBits: Int?
    /// The KEM (post-quantum part of a hybrid).
    package let kem: Primitive?
    /// False for draft, vendor and private-range code points.
    package let isStandard: Bool
    package let versions: ClosedRange<ProtocolVersion>

    package var group: NamedGroup { NamedGroup(code) }
}

/// The compiled-in named group registry.
package enum NamedGroupRegistry {
    package static let byCode: [UInt16: NamedGroupInfo] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.code, $0) })
    /// Code points by lower-cased registry name.
    package static let byName: [String: UInt16] = Dictionary(
        table.map { ($0.name.lowercased(), $0.code) }, uniquingKeysWith: { first, _ in first })
    package static var all: [NamedGroupInfo] { table }
}
