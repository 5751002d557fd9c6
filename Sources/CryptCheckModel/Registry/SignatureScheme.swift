import Foundation

/// A TLS signature_algorithms value (TLS 1.2 hash/signature pair or TLS 1.3 scheme).
package struct SignatureScheme: TwoByteCodePoint {
    package let rawValue: UInt16
    package init(rawValue: UInt16) { self.rawValue = rawValue }
    package static let kindName = "signature scheme"

    package var info: SignatureSchemeInfo? { SignatureSchemeRegistry.byCode[rawValue] }
    /// The registry name in lower case (`rsa_pss_rsae_sha256`), else the hex code.
    package var name: String { info?.name.lowercased() ?? (isGREASE ? "GREASE_\(hex)" : hex) }

    /// The name under `version`. TLS 1.3 ECDSA names bind a curve (`ecdsa_secp256r1_sha256`
    /// means P-256 with SHA-256, RFC 8446 4.2.3); the same code point in TLS 1.2 is ECDSA with
    /// SHA-256 on whatever curve the certificate's key has (`ecdsa_sha256`, RFC 5246 7.4.1.4.1).
    package func name(in version: ProtocolVersion) -> String {
        guard version >= .tlsv1_3, let tls13 = Self.tls13Names[rawValue] else { return name }
        return tls13
    }

    /// The curve the scheme itself fixes under `version`: TLS 1.3 ECDSA schemes and EdDSA
    /// (whose algorithm is its curve). `nil` for ECDSA in TLS 1.2, where the certificate's key
    /// decides the curve.
    package func curve(in version: ProtocolVersion) -> String? {
        guard let info, let curve = info.curve else { return nil }
        if info.components.contains("eddsa") { return curve }
        return version >= .tlsv1_3 ? curve : nil
    }

    /// TLS 1.3 names of code points whose TLS 1.2 name differs (RFC 8446 4.2.3).
    private static let tls13Names: [UInt16: String] = [
        0x0403: "ecdsa_secp256r1_sha256", 0x0503: "ecdsa_secp384r1_sha384", 0x0603: "ecdsa_secp521r1_sha512",
    ]

    /// Looks a scheme up by registry name (any case), a TLS 1.3 name or `0xNNNN`.
    package init?(name: String) {
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
package struct SignatureSchemeInfo: Sendable, Hashable {
    package let code: UInt16
    package let name: String
    /// The signature primitive(s); two for composite/hybrid schemes (`ecdsa` + `ml-dsa`).
    package let components: [Primitive]
    /// The hash the scheme signs with; `nil` where the scheme hashes internally (EdDSA, ML-DSA).
    package let hash: Primitive?
    /// The curve the scheme is bound to in TLS 1.3 (ECDSA and EdDSA schemes); TLS 1.2 binds
    /// only EdDSA's. Use `SignatureScheme.curve(in:)`, which knows the difference.
    package let curve: String?
    package let isStandard: Bool
    package let versions: ClosedRange<ProtocolVersion>
}

/// The compiled-in signature scheme registry.
package enum SignatureSchemeRegistry {
    package static let byCode: [UInt16: SignatureSchemeInfo] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.code, $0) })
    package static let byName: [String: UInt16] = Dictionary(
        table.map { ($0.name.lowercased(), $0.code) }, uniquingKeysWith: { first, _ in first })
    package static var all: [SignatureSchemeInfo] { table }
}
