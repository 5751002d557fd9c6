/// What a primitive does where it was met: in a judged finding (`key exchange`, `cipher`,
/// `MAC hash`, `signature`, `key`, ...) and in a key or keystore's protection envelope (`kdf`,
/// `prf`, `cipher`, `mode`, `mac`, `legacy-pbe`, `integrity`, and `<role> hash` for a hash that
/// serves one of them).
public struct PrimitiveRole: Vocabulary {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    // TLS suites, groups and schemes.
    public static let keyExchange = Self(rawValue: "key exchange")
    public static let keyTransport = Self(rawValue: "key transport")
    public static let kem = Self(rawValue: "KEM")
    public static let authentication = Self(rawValue: "authentication")
    public static let authenticatedEncryption = Self(rawValue: "authenticated encryption")
    public static let cipher = Self(rawValue: "cipher")
    public static let mode = Self(rawValue: "mode")
    public static let mac = Self(rawValue: "MAC")
    public static let macHash = Self(rawValue: "MAC hash")
    // Keys and signatures.
    public static let key = Self(rawValue: "key")
    public static let signature = Self(rawValue: "signature")
    public static let signatureHash = Self(rawValue: "signature hash")
    public static let mgf1Hash = Self(rawValue: "MGF1 hash")
    // Protection envelopes (with `cipher` and `mode`).
    public static let kdf = Self(rawValue: "kdf")
    public static let kdfHash = Self(rawValue: "kdf hash")
    public static let prf = Self(rawValue: "prf")
    public static let prfHash = Self(rawValue: "prf hash")
    /// A PKCS#12 MacData's MAC (the TLS record MAC is `mac`, `MAC`).
    public static let envelopeMAC = Self(rawValue: "mac")
    public static let envelopeMACHash = Self(rawValue: "mac hash")
    public static let legacyPBE = Self(rawValue: "legacy-pbe")
    public static let legacyPBEHash = Self(rawValue: "legacy-pbe hash")
    /// A Java keystore's keyed integrity digest.
    public static let integrity = Self(rawValue: "integrity")

    public static let known: [Self] = [
        .keyExchange, .keyTransport, .kem, .authentication, .authenticatedEncryption, .cipher, .mode, .mac, .macHash,
        .key, .signature, .signatureHash, .mgf1Hash, .kdf, .kdfHash, .prf, .prfHash, .envelopeMAC, .envelopeMACHash,
        .legacyPBE, .legacyPBEHash, .integrity,
    ]

    /// The role of the hash that serves a protection algorithm in this role (`kdf hash`).
    public var hash: Self {
        switch self {
        case .kdf: .kdfHash
        case .prf: .prfHash
        case .envelopeMAC: .envelopeMACHash
        case .legacyPBE: .legacyPBEHash
        default: Self(rawValue: rawValue + " hash")
        }
    }
}
