/// Facts about a named elliptic curve: the size of its group order (which sets its strength)
/// and its OID. Identifiers are the lower-case SEC/RFC names (`secp256r1`, `x25519`).
///
/// Source: SEC 2 v2, ANSI X9.62 (prime192v2/v3, prime239v1-3), RFC 5639 (Brainpool), RFC 7748/8032 (Curve25519/448), GB/T 32918 (SM2),
/// RFC 7836 (GOST). Order sizes are bit lengths of the prime subgroup order n.
package struct EllipticCurve: Sendable, Hashable {
    package let id: String
    package let displayName: String
    package let orderBits: Int
    package let oid: String?

    /// The curve for an identifier, a NIST name (`P-256`) or an OpenSSL short name (`prime256v1`).
    package static func named(_ name: String) -> EllipticCurve? {
        let key = name.lowercased()
        return byID[aliases[key] ?? key]
    }

    /// The curve for a dotted OID.
    package static func withOID(_ oid: String) -> EllipticCurve? { byOID[oid] }

    static let aliases: [String: String] = [
        "p-192": "secp192r1", "prime192v1": "secp192r1", "p-224": "secp224r1",
        "p-256": "secp256r1", "prime256v1": "secp256r1", "p-384": "secp384r1", "p-521": "secp521r1",
        "curve25519": "x25519", "curve448": "x448",
    ]

    /// Every curve cryptcheck knows.
    package static let all: [EllipticCurve] = [
        .init(id: "secp112r1", displayName: "secp112r1", orderBits: 112, oid: "1.3.132.0.6"),
        .init(id: "secp112r2", displayName: "secp112r2", orderBits: 110, oid: "1.3.132.0.7"),
        .init(id: "secp128r1", displayName: "secp128r1", orderBits: 128, oid: "1.3.132.0.28"),
        .init(id: "secp128r2", displayName: "secp128r2", orderBits: 126, oid: "1.3.132.0.29"),
        .init(id: "secp160k1", displayName: "secp160k1", orderBits: 161, oid: "1.3.132.0.9"),
        .init(id: "secp160r1", displayName: "secp160r1", orderBits: 161, oid: "1.3.132.0.8"),
        .init(id: "secp160r2", displayName: "secp160r2", orderBits: 161, oid: "1.3.132.0.30"),
        .init(id: "secp192k1", displayName: "secp192k1", orderBits: 192, oid: "1.3.132.0.31"),
        .init(id: "secp192r1", displayName: "P-192", orderBits: 192, oid: "1.2.840.10045.3.1.1"),
        .init(id: "secp224k1", displayName: "secp224k1", orderBits: 225, oid: "1.3.132.0.32"),
        .init(id: "secp224r1", displayName: "P-224", orderBits: 224, oid: "1.3.132.0.33"),
        .init(id: "prime192v2", displayName: "prime192v2", orderBits: 192, oid: "1.2.840.10045.3.1.2"),
        .init(id: "prime192v3", displayName: "prime192v3", orderBits: 192, oid: "1.2.840.10045.3.1.3"),
        .init(id: "prime239v1", displayName: "prime239v1", orderBits: 239, oid: "1.2.840.10045.3.1.4"),
        .init(id: "prime239v2", displayName: "prime239v2", orderBits: 239, oid: "1.2.840.10045.3.1.5"),
        .init(id: "prime239v3", displayName: "prime239v3", orderBits: 239, oid: "1.2.840.10045.3.1.6"),
        .init(id: "secp256k1", displayName: "secp256k1", orderBits: 256, oid: "1.3.132.0.10"),
        .init(id: "secp256r1", displayName: "P-256", orderBits: 256, oid: "1.2.840.10045.3.1.7"),
        .init(id: "secp384r1", displayName: "P-384", orderBits: 384, oid: "1.3.132.0.34"),
        .init(id: "secp521r1", displayName: "P-521", orderBits: 521, oid: "1.3.132.0.35"),
        .init(id: "sect113r1", displayName: "sect113r1", orderBits: 113, oid: "1.3.132.0.4"),
        .init(id: "sect113r2", displayName: "sect113r2", orderBits: 113, oid: "1.3.132.0.5"),
        .init(id: "sect131r1", displayName: "sect131r1", orderBits: 131, oid: "1.3.132.0.22"),
        .init(id: "sect131r2", displayName: "sect131r2", orderBits: 131, oid: "1.3.132.0.23"),
        .init(id: "sect163k1", displayName: "sect163k1", orderBits: 163, oid: "1.3.132.0.1"),
        .init(id: "sect163r1", displayName: "sect163r1", orderBits: 162, oid: "1.3.132.0.2"),
        .init(id: "sect163r2", displayName: "sect163r2", orderBits: 163, oid: "1.3.132.0.15"),
        .init(id: "sect193r1", displayName: "sect193r1", orderBits: 193, oid: "1.3.132.0.24"),
        .init(id: "sect193r2", displayName: "sect193r2", orderBits: 193, oid: "1.3.132.0.25"),
        .init(id: "sect233k1", displayName: "sect233k1", orderBits: 232, oid: "1.3.132.0.26"),
        .init(id: "sect233r1", displayName: "sect233r1", orderBits: 233, oid: "1.3.132.0.27"),
        .init(id: "sect239k1", displayName: "sect239k1", orderBits: 238, oid: "1.3.132.0.3"),
        .init(id: "sect283k1", displayName: "sect283k1", orderBits: 281, oid: "1.3.132.0.16"),
        .init(id: "sect283r1", displayName: "sect283r1", orderBits: 282, oid: "1.3.132.0.17"),
        .init(id: "sect409k1", displayName: "sect409k1", orderBits: 407, oid: "1.3.132.0.36"),
        .init(id: "sect409r1", displayName: "sect409r1", orderBits: 409, oid: "1.3.132.0.37"),
        .init(id: "sect571k1", displayName: "sect571k1", orderBits: 570, oid: "1.3.132.0.38"),
        .init(id: "sect571r1", displayName: "sect571r1", orderBits: 570, oid: "1.3.132.0.39"),
        .init(id: "brainpoolp160r1", displayName: "brainpoolP160r1", orderBits: 160, oid: "1.3.36.3.3.2.8.1.1.1"),
        .init(id: "brainpoolp160t1", displayName: "brainpoolP160t1", orderBits: 160, oid: "1.3.36.3.3.2.8.1.1.2"),
        .init(id: "brainpoolp192r1", displayName: "brainpoolP192r1", orderBits: 192, oid: "1.3.36.3.3.2.8.1.1.3"),
        .init(id: "brainpoolp192t1", displayName: "brainpoolP192t1", orderBits: 192, oid: "1.3.36.3.3.2.8.1.1.4"),
        .init(id: "brainpoolp224r1", displayName: "brainpoolP224r1", orderBits: 224, oid: "1.3.36.3.3.2.8.1.1.5"),
        .init(id: "brainpoolp224t1", displayName: "brainpoolP224t1", orderBits: 224, oid: "1.3.36.3.3.2.8.1.1.6"),
        .init(id: "brainpoolp256r1", displayName: "brainpoolP256r1", orderBits: 256, oid: "1.3.36.3.3.2.8.1.1.7"),
        .init(id: "brainpoolp256t1", displayName: "brainpoolP256t1", orderBits: 256, oid: "1.3.36.3.3.2.8.1.1.8"),
        .init(id: "brainpoolp320r1", displayName: "brainpoolP320r1", orderBits: 320, oid: "1.3.36.3.3.2.8.1.1.9"),
        .init(id: "brainpoolp320t1", displayName: "brainpoolP320t1", orderBits: 320, oid: "1.3.36.3.3.2.8.1.1.10"),
        .init(id: "brainpoolp384r1", displayName: "brainpoolP384r1", orderBits: 384, oid: "1.3.36.3.3.2.8.1.1.11"),
        .init(id: "brainpoolp384t1", displayName: "brainpoolP384t1", orderBits: 384, oid: "1.3.36.3.3.2.8.1.1.12"),
        .init(id: "brainpoolp512r1", displayName: "brainpoolP512r1", orderBits: 512, oid: "1.3.36.3.3.2.8.1.1.13"),
        .init(id: "brainpoolp512t1", displayName: "brainpoolP512t1", orderBits: 512, oid: "1.3.36.3.3.2.8.1.1.14"),
        .init(id: "x25519", displayName: "X25519", orderBits: 253, oid: "1.3.101.110"),
        .init(id: "x448", displayName: "X448", orderBits: 446, oid: "1.3.101.111"),
        .init(id: "ed25519", displayName: "Ed25519", orderBits: 253, oid: "1.3.101.112"),
        .init(id: "ed448", displayName: "Ed448", orderBits: 446, oid: "1.3.101.113"),
        .init(id: "sm2p256v1", displayName: "SM2", orderBits: 256, oid: "1.2.156.10197.1.301"),
        .init(id: "gc256a", displayName: "GOST GC256A", orderBits: 256, oid: "1.2.643.7.1.2.1.1.1"),
        .init(id: "gc256b", displayName: "GOST GC256B", orderBits: 256, oid: "1.2.643.7.1.2.1.1.2"),
        .init(id: "gc256c", displayName: "GOST GC256C", orderBits: 256, oid: "1.2.643.7.1.2.1.1.3"),
        .init(id: "gc256d", displayName: "GOST GC256D", orderBits: 256, oid: "1.2.643.7.1.2.1.1.4"),
        .init(id: "gc512a", displayName: "GOST GC512A", orderBits: 512, oid: "1.2.643.7.1.2.1.2.1"),
        .init(id: "gc512b", displayName: "GOST GC512B", orderBits: 512, oid: "1.2.643.7.1.2.1.2.2"),
        .init(id: "gc512c", displayName: "GOST GC512C", orderBits: 512, oid: "1.2.643.7.1.2.1.2.3"),
    ]

    static let byID: [String: EllipticCurve] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
    static let byOID: [String: EllipticCurve] = Dictionary(
        uniqueKeysWithValues: all.compactMap { curve in curve.oid.map { ($0, curve) } })
}
