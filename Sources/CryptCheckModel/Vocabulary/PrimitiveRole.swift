/// What a primitive does where it was met: in a judged finding (`key exchange`, `cipher`,
/// `MAC hash`, `signature`, `key`, ...) and in a key or keystore's protection envelope (`kdf`,
/// `prf`, `cipher`, `mode`, `mac`, `legacy-pbe`, `integrity`, and `<role> hash` for a hash that
/// serves one of them).
package struct PrimitiveRole: Vocabulary {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    // TLS suites, groups and schemes.
    package static let keyExchange = Self(rawValue: "key exchange")
    package static let keyTransport = Self(rawValue: "key transport")
    package static let kem = Self(rawValue: "KEM")
    package static let authentication = Self(rawValue: "authentication")
    package static let authenticatedEncryption = Self(rawValue: "authenticated encryption")
    package static let cipher = Self(rawValue: "cipher")
    package static let mode = Self(rawValue: "mode")
    package static let mac = Self(rawValue: "MAC")
    package static let macHash = Self(rawValue: "MAC hash")
    // Keys and signatures.
    package static let key = Self(rawValue: "key")
    package static let signature = Self(rawValue: "signature")
    package static let signatureHash = Self(rawValue: "signature hash")
    package static let mgf1Hash = Self(rawValue: "MGF1 hash")
    // Protection envelopes (with `cipher` and `mode`).
    package static let kdf = Self(rawValue: "kdf")
    package static let kdfHash = Self(rawValue: "kdf hash")
    package static let prf = Self(rawValue: "prf")
    package static let prfHash = Self(rawValue: "prf hash")
    /// A PKCS#12 MacData's MAC (the TLS record MAC is `mac`, `MAC`).
    package static let envelopeMAC = Self(rawValue: "mac")
    package static let envelopeMACHash = Self(rawValue: "mac hash")
    package static let legacyPBE = Self(rawValue: "legacy-pbe")
    package static let legacyPBEHash = Self(rawValue: "legacy-pbe hash")
    /// A Java keystore's keyed integrity digest.
    package static let integrity = Self(rawValue: "integrity")
    /// A hash declared on its own (an algorithm asset of a CycloneDX BOM).
    package static let digest = Self(rawValue: "hash")

    package static let known: [Self] = [
        .keyExchange, .keyTransport, .kem, .authentication, .authenticatedEncryption, .cipher, .mode, .mac, .macHash,
        .key, .signature, .signatureHash, .mgf1Hash, .kdf, .kdfHash, .prf, .prfHash, .envelopeMAC, .envelopeMACHash,
        .legacyPBE, .legacyPBEHash, .integrity, .digest,
    ]

    /// The role of the hash that serves a protection algorithm in this role (`kdf hash`).
    package var hash: Self {
        switch self {
        case .kdf: .kdfHash
        case .prf: .prfHash
        case .envelopeMAC: .envelopeMACHash
        case .legacyPBE: .legacyPBEHash
        default: Self(rawValue: rawValue + " hash")
        }
    }
}
