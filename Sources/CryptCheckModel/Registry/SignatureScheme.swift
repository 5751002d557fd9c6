import Foundation

/// A TLS signature_algorithms value (TLS 1.2 hash/signature pair or TLS 1.3 scheme).
public struct SignatureScheme: TwoByteCodePoint {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let kindName = "signature scheme"

    public var info: SignatureSchemeInfo? { SignatureSchemeRegistry.byCode[rawValue] }
    /// The registry name in lower case (`rsa_pss_rsae_sha256`), else the hex code.
    public var name: String { info?.name.lowercased() ?? (isGREASE ? "GREASE_\(hex)" : hex) }

    /// Looks a scheme up by registry name (any case), a TLS 1.3 name or `0xNNNN`.
    public init?(name: String) {
        let aliases = [
            "rsa_pkcs1_sha256": "rsa_sha256", "rsa_pkcs1_sha384": "rsa_sha384",
            "rsa_pkcs1_sha512": "rsa_sha512", "rsa_pkcs1_sha1": "rsa_sha1",
            "ecdsa_secp256r1_sha256": "ecdsa_sha256", "ecdsa_secp384r1_sha384": "ecdsa_sha384",
            "ecdsa_secp521r1_sha512": "ecdsa_sha512",
        ]
        let key = name.lowercased()
        if let code = SignatureSchemeRegistry.byName[aliases[key] ?? key] {
            self.init(code)
        } else if let value = Self.fromHex(name) {
            self = value
        } else {
            return nil
        }
    }
}

/// The decomposition of one registry signature scheme.
public struct SignatureSchemeInfo: Sendable, Hashable {
    public let code: UInt16
    public let name: String
    /// The signature primitive(s); two for composite/hybrid schemes (`ecdsa` + `ml-dsa`).
    public let components: [Primitive]
    /// The hash the scheme signs with; `nil` where the scheme hashes internally (EdDSA, ML-DSA).
    public let hash: Primitive?
    /// The curve the scheme is bound to (TLS 1.3 ECDSA and EdDSA schemes).
    public let curve: String?
    public let isStandard: Bool
    public let versions: ClosedRange<ProtocolVersion>
}

/// The compiled-in signature scheme registry.
public enum SignatureSchemeRegistry {
    public static let byCode: [UInt16: SignatureSchemeInfo] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.code, $0) })
    public static let byName: [String: UInt16] = Dictionary(
        table.map { ($0.name.lowercased(), $0.code) }, uniquingKeysWith: { first, _ in first })
    public static var all: [SignatureSchemeInfo] { table }
}
