/// Object identifiers of algorithms found in certificates, keys and key containers.
///
/// Sources: RFC 8017 (PKCS #1), RFC 5480/5758 (EC), RFC 8410 (EdDSA/XDH), RFC 3279, RFC 8018
/// (PKCS #5), RFC 7292 (PKCS #12), NIST CSOR (AES, SHA-2/3, DSA/ECDSA/RSA with SHA-3, ML-DSA,
/// SLH-DSA, ML-KEM), RFC 8692 (SHAKE signatures), RFC 3657 (Camellia), the OIW SIG Stable
/// Agreements (1.3.14.3.2.*, as RFC 3279 and OpenSSL's objects.txt list them), RFC 4357 and
/// RFC 9215 (GOST R 34.10/34.11), GM/T 0006-2012 (SM2/SM3), TeleTrusT (RIPEMD), Oracle's
/// JKS/JCEKS OIDs. Unknown OIDs are kept and printed as dotted strings.
package enum ObjectIdentifiers {
    /// A signature algorithm: its usual name, scheme primitive and hash.
    package struct Signature: Sendable {
        package let name: String
        package let scheme: Primitive
        package let hash: Primitive?
    }

    package static let signatures: [String: Signature] = [
        "1.2.840.113549.1.1.2": .init(name: "md2WithRSAEncryption", scheme: "rsassa-pkcs1-v1_5", hash: "md2"),
        "1.2.840.113549.1.1.3": .init(name: "md4WithRSAEncryption", scheme: "rsassa-pkcs1-v1_5", hash: "md4"),
        "1.2.840.113549.1.1.4": .init(name: "md5WithRSAEncryption", scheme: "rsassa-pkcs1-v1_5", hash: "md5"),
        "1.2.840.113549.1.1.5": .init(name: "sha1WithRSAEncryption", scheme: "rsassa-pkcs1-v1_5", hash: "sha-1"),
        "1.2.840.113549.1.1.10": .init(name: "RSASSA-PSS", scheme: "rsa-pss", hash: "sha-1"),
        "1.2.840.113549.1.1.11": .init(name: "sha256WithRSAEncryption", scheme: "rsassa-pkcs1-v1_5", hash: "sha-256"),
        "1.2.840.113549.1.1.12": .init(name: "sha384WithRSAEncryption", scheme: "rsassa-pkcs1-v1_5", hash: "sha-384"),
        "1.2.840.113549.1.1.13": .init(name: "sha512WithRSAEncryption", scheme: "rsassa-pkcs1-v1_5", hash: "sha-512"),
        "1.2.840.113549.1.1.14": .init(name: "sha224WithRSAEncryption", scheme: "rsassa-pkcs1-v1_5", hash: "sha-224"),
        "2.16.840.1.101.3.4.3.13": .init(name: "id-rsassa-pkcs1-v1_5-with-sha3-224", scheme: "rsassa-pkcs1-v1_5", hash: "sha3-224"),
        "2.16.840.1.101.3.4.3.14": .init(name: "id-rsassa-pkcs1-v1_5-with-sha3-256", scheme: "rsassa-pkcs1-v1_5", hash: "sha3-256"),
        "2.16.840.1.101.3.4.3.15": .init(name: "id-rsassa-pkcs1-v1_5-with-sha3-384", scheme: "rsassa-pkcs1-v1_5", hash: "sha3-384"),
        "2.16.840.1.101.3.4.3.16": .init(name: "id-rsassa-pkcs1-v1_5-with-sha3-512", scheme: "rsassa-pkcs1-v1_5", hash: "sha3-512"),
        "1.2.840.10045.4.1": .init(name: "ecdsa-with-SHA1", scheme: "ecdsa", hash: "sha-1"),
        "1.2.840.10045.4.3.1": .init(name: "ecdsa-with-SHA224", scheme: "ecdsa", hash: "sha-224"),
        "1.2.840.10045.4.3.2": .init(name: "ecdsa-with-SHA256", scheme: "ecdsa", hash: "sha-256"),
        "1.2.840.10045.4.3.3": .init(name: "ecdsa-with-SHA384", scheme: "ecdsa", hash: "sha-384"),
        "1.2.840.10045.4.3.4": .init(name: "ecdsa-with-SHA512", scheme: "ecdsa", hash: "sha-512"),
        "2.16.840.1.101.3.4.3.9": .init(name: "id-ecdsa-with-sha3-224", scheme: "ecdsa", hash: "sha3-224"),
        "2.16.840.1.101.3.4.3.10": .init(name: "id-ecdsa-with-sha3-256", scheme: "ecdsa", hash: "sha3-256"),
        "2.16.840.1.101.3.4.3.11": .init(name: "id-ecdsa-with-sha3-384", scheme: "ecdsa", hash: "sha3-384"),
        "2.16.840.1.101.3.4.3.12": .init(name: "id-ecdsa-with-sha3-512", scheme: "ecdsa", hash: "sha3-512"),
        "1.2.840.10040.4.3": .init(name: "dsa-with-sha1", scheme: "dsa", hash: "sha-1"),
        "2.16.840.1.101.3.4.3.1": .init(name: "dsa-with-sha224", scheme: "dsa", hash: "sha-224"),
        "2.16.840.1.101.3.4.3.2": .init(name: "dsa-with-sha256", scheme: "dsa", hash: "sha-256"),
        "1.3.101.112": .init(name: "Ed25519", scheme: "eddsa", hash: nil),
        "1.3.101.113": .init(name: "Ed448", scheme: "eddsa", hash: nil),
        "2.16.840.1.101.3.4.3.17": .init(name: "ML-DSA-44", scheme: "ml-dsa", hash: nil),
        "2.16.840.1.101.3.4.3.18": .init(name: "ML-DSA-65", scheme: "ml-dsa", hash: nil),
        "2.16.840.1.101.3.4.3.19": .init(name: "ML-DSA-87", scheme: "ml-dsa", hash: nil),
        "1.2.156.10197.1.501": .init(name: "SM2-with-SM3", scheme: "sm2", hash: "sm3"),
        "1.2.156.10197.1.502": .init(name: "SM2-with-SHA1", scheme: "sm2", hash: "sha-1"),
        "1.2.156.10197.1.503": .init(name: "SM2-with-SHA256", scheme: "sm2", hash: "sha-256"),
        // OIW (1.3.14.3.2.*): legacy aliases still found in old roots and Java/Windows output.
        "1.3.14.3.2.2": .init(name: "md4WithRSA (OIW)", scheme: "rsassa-pkcs1-v1_5", hash: "md4"),
        "1.3.14.3.2.3": .init(name: "md5WithRSA (OIW)", scheme: "rsassa-pkcs1-v1_5", hash: "md5"),
        "1.3.14.3.2.4": .init(name: "md4WithRSAEncryption (OIW)", scheme: "rsassa-pkcs1-v1_5", hash: "md4"),
        "1.3.14.3.2.13": .init(name: "dsaWithSHA (OIW, SHA-0)", scheme: "dsa", hash: "sha-0"),
        "1.3.14.3.2.15": .init(name: "shaWithRSASignature (OIW, SHA-0)", scheme: "rsassa-pkcs1-v1_5", hash: "sha-0"),
        "1.3.14.3.2.27": .init(name: "dsaWithSHA1 (OIW)", scheme: "dsa", hash: "sha-1"),
        "1.3.14.3.2.29": .init(name: "sha1WithRSASignature (OIW)", scheme: "rsassa-pkcs1-v1_5", hash: "sha-1"),
        "1.2.840.113549.1.1.15": .init(name: "sha512-224WithRSAEncryption", scheme: "rsassa-pkcs1-v1_5", hash: "sha-512/224"),
        "1.2.840.113549.1.1.16": .init(name: "sha512-256WithRSAEncryption", scheme: "rsassa-pkcs1-v1_5", hash: "sha-512/256"),
        "2.16.840.1.101.3.4.3.3": .init(name: "dsa-with-sha384", scheme: "dsa", hash: "sha-384"),
        "2.16.840.1.101.3.4.3.4": .init(name: "dsa-with-sha512", scheme: "dsa", hash: "sha-512"),
        "2.16.840.1.101.3.4.3.5": .init(name: "id-dsa-with-sha3-224", scheme: "dsa", hash: "sha3-224"),
        "2.16.840.1.101.3.4.3.6": .init(name: "id-dsa-with-sha3-256", scheme: "dsa", hash: "sha3-256"),
        "2.16.840.1.101.3.4.3.7": .init(name: "id-dsa-with-sha3-384", scheme: "dsa", hash: "sha3-384"),
        "2.16.840.1.101.3.4.3.8": .init(name: "id-dsa-with-sha3-512", scheme: "dsa", hash: "sha3-512"),
        // ecdsa-with-Specified names its hash in the parameters; ecdsa-with-Recommended leaves
        // it to the curve (ANSI X9.62), so its hash is not observed.
        "1.2.840.10045.4.3": .init(name: "ecdsa-with-Specified", scheme: "ecdsa", hash: nil),
        "1.2.840.10045.4.2": .init(name: "ecdsa-with-Recommended", scheme: "ecdsa", hash: nil),
        "1.3.6.1.5.5.7.6.30": .init(name: "id-RSASSA-PSS-SHAKE128", scheme: "rsa-pss", hash: "shake128"),
        "1.3.6.1.5.5.7.6.31": .init(name: "id-RSASSA-PSS-SHAKE256", scheme: "rsa-pss", hash: "shake256"),
        "1.3.6.1.5.5.7.6.32": .init(name: "id-ecdsa-with-shake128", scheme: "ecdsa", hash: "shake128"),
        "1.3.6.1.5.5.7.6.33": .init(name: "id-ecdsa-with-shake256", scheme: "ecdsa", hash: "shake256"),
        "2.16.840.1.101.3.4.3.20": .init(name: "SLH-DSA-SHA2-128s", scheme: "slh-dsa", hash: nil),
        "2.16.840.1.101.3.4.3.21": .init(name: "SLH-DSA-SHA2-128f", scheme: "slh-dsa", hash: nil),
        "2.16.840.1.101.3.4.3.22": .init(name: "SLH-DSA-SHA2-192s", scheme: "slh-dsa", hash: nil),
        "2.16.840.1.101.3.4.3.23": .init(name: "SLH-DSA-SHA2-192f", scheme: "slh-dsa", hash: nil),
        "2.16.840.1.101.3.4.3.24": .init(name: "SLH-DSA-SHA2-256s", scheme: "slh-dsa", hash: nil),
        "2.16.840.1.101.3.4.3.25": .init(name: "SLH-DSA-SHA2-256f", scheme: "slh-dsa", hash: nil),
        "2.16.840.1.101.3.4.3.26": .init(name: "SLH-DSA-SHAKE-128s", scheme: "slh-dsa", hash: nil),
        "2.16.840.1.101.3.4.3.27": .init(name: "SLH-DSA-SHAKE-128f", scheme: "slh-dsa", hash: nil),
        "2.16.840.1.101.3.4.3.28": .init(name: "SLH-DSA-SHAKE-192s", scheme: "slh-dsa", hash: nil),
        "2.16.840.1.101.3.4.3.29": .init(name: "SLH-DSA-SHAKE-192f", scheme: "slh-dsa", hash: nil),
        "2.16.840.1.101.3.4.3.30": .init(name: "SLH-DSA-SHAKE-256s", scheme: "slh-dsa", hash: nil),
        "2.16.840.1.101.3.4.3.31": .init(name: "SLH-DSA-SHAKE-256f", scheme: "slh-dsa", hash: nil),
        // GOST (RFC 4357, RFC 9215): judged as GOST R 34.10 with its GOST hash.
        "1.2.643.2.2.3": .init(name: "GOST R 34.11-94 with GOST R 34.10-2001", scheme: "gost-r34.10", hash: "gost-r34.11-94"),
        "1.2.643.2.2.4": .init(name: "GOST R 34.11-94 with GOST R 34.10-94", scheme: "gost-r34.10", hash: "gost-r34.11-94"),
        "1.2.643.7.1.1.3.2": .init(name: "GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)", scheme: "gost-r34.10", hash: "streebog-256"),
        "1.2.643.7.1.1.3.3": .init(name: "GOST R 34.10-2012 with GOST R 34.11-2012 (512 bit)", scheme: "gost-r34.10", hash: "streebog-512"),
    ]

    /// Public-key algorithm OIDs.
    package static let keyAlgorithms: [String: KeyAlgorithm] = [
        "1.2.840.113549.1.1.1": .rsa, "1.2.840.113549.1.1.10": .rsaPSS, "1.2.840.113549.1.1.7": .rsa,
        "1.2.840.10045.2.1": .ec, "1.3.101.110": .x25519, "1.3.101.111": .x448,
        "1.3.101.112": .ed25519, "1.3.101.113": .ed448, "1.2.840.10040.4.1": .dsa,
        "1.2.840.10046.2.1": .dh, "1.2.840.113549.1.3.1": .dh,
        "2.16.840.1.101.3.4.3.17": .mlDSA, "2.16.840.1.101.3.4.3.18": .mlDSA, "2.16.840.1.101.3.4.3.19": .mlDSA,
        "2.16.840.1.101.3.4.4.1": .mlKEM, "2.16.840.1.101.3.4.4.2": .mlKEM, "2.16.840.1.101.3.4.4.3": .mlKEM,
        "1.3.14.3.2.12": .dsa, "1.3.132.1.12": .ec, "1.3.132.1.13": .ec, "1.2.156.10197.1.301": .ec,
        "1.2.643.2.2.19": .gost, "1.2.643.2.2.20": .gost, "1.2.643.7.1.1.1.1": .gost, "1.2.643.7.1.1.1.2": .gost,
        "2.16.840.1.101.3.4.3.20": .slhDSA, "2.16.840.1.101.3.4.3.21": .slhDSA, "2.16.840.1.101.3.4.3.22": .slhDSA,
        "2.16.840.1.101.3.4.3.23": .slhDSA, "2.16.840.1.101.3.4.3.24": .slhDSA, "2.16.840.1.101.3.4.3.25": .slhDSA,
        "2.16.840.1.101.3.4.3.26": .slhDSA, "2.16.840.1.101.3.4.3.27": .slhDSA, "2.16.840.1.101.3.4.3.28": .slhDSA,
        "2.16.840.1.101.3.4.3.29": .slhDSA, "2.16.840.1.101.3.4.3.30": .slhDSA, "2.16.840.1.101.3.4.3.31": .slhDSA,
    ]

    /// Key sizes fixed by the algorithm OID (GOST R 34.10-2001 and -2012: RFC 4491, RFC 9215).
    package static let keyBitsByAlgorithm: [String: Int] = [
        "1.2.643.2.2.19": 256, "1.2.643.7.1.1.1.1": 256, "1.2.643.7.1.1.1.2": 512,
    ]

    /// Hash OIDs (also used as MAC digests and MGF1 hashes).
    package static let hashes: [String: Primitive] = [
        "1.2.840.113549.2.2": "md2", "1.2.840.113549.2.4": "md4", "1.2.840.113549.2.5": "md5",
        "1.3.14.3.2.26": "sha-1", "2.16.840.1.101.3.4.2.1": "sha-256", "2.16.840.1.101.3.4.2.2": "sha-384",
        "2.16.840.1.101.3.4.2.3": "sha-512", "2.16.840.1.101.3.4.2.4": "sha-224",
        "2.16.840.1.101.3.4.2.5": "sha-512/224", "2.16.840.1.101.3.4.2.6": "sha-512/256",
        "2.16.840.1.101.3.4.2.7": "sha3-224", "2.16.840.1.101.3.4.2.8": "sha3-256",
        "2.16.840.1.101.3.4.2.9": "sha3-384", "2.16.840.1.101.3.4.2.10": "sha3-512",
        "2.16.840.1.101.3.4.2.11": "shake128", "2.16.840.1.101.3.4.2.12": "shake256",
        "1.3.36.3.2.1": "ripemd-160", "1.3.36.3.2.2": "ripemd-128", "1.3.14.3.2.18": "sha-0",
        "1.0.10118.3.0.55": "whirlpool", "1.2.156.10197.1.401": "sm3",
        "1.2.643.2.2.9": "gost-r34.11-94", "1.2.643.7.1.1.2.2": "streebog-256", "1.2.643.7.1.1.2.3": "streebog-512",
    ]

    /// PBKDF2 PRFs (RFC 8018 B.1.2): HMAC with a hash.
    package static let prfs: [String: Primitive] = [
        "1.2.840.113549.2.7": "sha-1", "1.2.840.113549.2.8": "sha-224", "1.2.840.113549.2.9": "sha-256",
        "1.2.840.113549.2.10": "sha-384", "1.2.840.113549.2.11": "sha-512",
        "1.2.840.113549.2.12": "sha-512/224", "1.2.840.113549.2.13": "sha-512/256",
    ]

    /// A content cipher: primitive, key bits and mode.
    package struct Cipher: Sendable {
        package let primitive: Primitive
        package let keyBits: Int
        package let mode: Primitive?
        package init(_ primitive: Primitive, _ keyBits: Int, _ mode: Primitive?) {
            self.primitive = primitive
            self.keyBits = keyBits
            self.mode = mode
        }
    }

    package static let ciphers: [String: Cipher] = [
        "2.16.840.1.101.3.4.1.1": .init("aes", 128, "ecb"), "2.16.840.1.101.3.4.1.2": .init("aes", 128, "cbc"),
        "2.16.840.1.101.3.4.1.3": .init("aes", 128, "ofb"), "2.16.840.1.101.3.4.1.4": .init("aes", 128, "cfb"),
        "2.16.840.1.101.3.4.1.6": .init("aes", 128, "gcm"), "2.16.840.1.101.3.4.1.7": .init("aes", 128, "ccm"),
        "2.16.840.1.101.3.4.1.21": .init("aes", 192, "ecb"), "2.16.840.1.101.3.4.1.22": .init("aes", 192, "cbc"),
        "2.16.840.1.101.3.4.1.26": .init("aes", 192, "gcm"), "2.16.840.1.101.3.4.1.41": .init("aes", 256, "ecb"),
        "2.16.840.1.101.3.4.1.42": .init("aes", 256, "cbc"), "2.16.840.1.101.3.4.1.46": .init("aes", 256, "gcm"),
        "2.16.840.1.101.3.4.1.47": .init("aes", 256, "ccm"),
        "1.2.840.113549.3.7": .init("3des", 168, "cbc"), "1.3.14.3.2.7": .init("des", 56, "cbc"),
        "1.2.840.113549.3.2": .init("rc2", 128, "cbc"), "1.2.840.113549.3.4": .init("rc4", 128, nil),
        "1.2.392.200011.61.1.1.1.2": .init("camellia", 128, "cbc"),
        "1.2.392.200011.61.1.1.1.3": .init("camellia", 192, "cbc"),
        "1.2.392.200011.61.1.1.1.4": .init("camellia", 256, "cbc"),
        "1.2.410.200046.1.1.2": .init("aria", 128, "cbc"), "1.2.410.200004.1.4": .init("seed", 128, "cbc"),
    ]

    /// Single-OID password-based schemes: PBES1 (RFC 8018), PKCS#12 PBE (RFC 7292), Java's.
    package struct PasswordScheme: Sendable {
        package let name: String
        /// `pbes1`, `pkcs12-pbe` or a proprietary primitive.
        package let scheme: Primitive
        package let hash: Primitive?
        package let cipher: Cipher
    }

    package static let passwordSchemes: [String: PasswordScheme] = [
        "1.2.840.113549.1.5.1": .init(name: "pbeWithMD2AndDES-CBC", scheme: "pbes1", hash: "md2", cipher: .init("des", 56, "cbc")),
        "1.2.840.113549.1.5.3": .init(name: "pbeWithMD5AndDES-CBC", scheme: "pbes1", hash: "md5", cipher: .init("des", 56, "cbc")),
        "1.2.840.113549.1.5.4": .init(name: "pbeWithMD2AndRC2-CBC", scheme: "pbes1", hash: "md2", cipher: .init("rc2", 64, "cbc")),
        "1.2.840.113549.1.5.6": .init(name: "pbeWithMD5AndRC2-CBC", scheme: "pbes1", hash: "md5", cipher: .init("rc2", 64, "cbc")),
        "1.2.840.113549.1.5.10": .init(name: "pbeWithSHA1AndDES-CBC", scheme: "pbes1", hash: "sha-1", cipher: .init("des", 56, "cbc")),
        "1.2.840.113549.1.5.11": .init(name: "pbeWithSHA1AndRC2-CBC", scheme: "pbes1", hash: "sha-1", cipher: .init("rc2", 64, "cbc")),
        "1.2.840.113549.1.12.1.1": .init(
            name: "pbeWithSHAAnd128BitRC4", scheme: "pkcs12-pbe", hash: "sha-1", cipher: .init("rc4", 128, nil)),
        "1.2.840.113549.1.12.1.2": .init(name: "pbeWithSHAAnd40BitRC4", scheme: "pkcs12-pbe", hash: "sha-1", cipher: .init("rc4", 40, nil)),
        "1.2.840.113549.1.12.1.3": .init(
            name: "pbeWithSHAAnd3-KeyTripleDES-CBC", scheme: "pkcs12-pbe", hash: "sha-1", cipher: .init("3des", 168, "cbc")),
        "1.2.840.113549.1.12.1.4": .init(
            name: "pbeWithSHAAnd2-KeyTripleDES-CBC", scheme: "pkcs12-pbe", hash: "sha-1", cipher: .init("2key-3des", 112, "cbc")),
        "1.2.840.113549.1.12.1.5": .init(
            name: "pbeWithSHAAnd128BitRC2-CBC", scheme: "pkcs12-pbe", hash: "sha-1", cipher: .init("rc2", 128, "cbc")),
        "1.2.840.113549.1.12.1.6": .init(
            name: "pbeWithSHAAnd40BitRC2-CBC", scheme: "pkcs12-pbe", hash: "sha-1", cipher: .init("rc2", 40, "cbc")),
        "1.3.6.1.4.1.42.2.19.1": .init(
            name: "PBEWithMD5AndTripleDES (JCEKS)", scheme: "pbes1", hash: "md5", cipher: .init("3des", 168, "cbc")),
    ]

    package static let pbes2 = "1.2.840.113549.1.5.13"
    package static let pbkdf2 = "1.2.840.113549.1.5.12"
    package static let scrypt = "1.3.6.1.4.1.11591.4.11"
    /// Sun's proprietary JKS key protection (SHA-1 keystream).
    package static let jksKeyProtector = "1.3.6.1.4.1.42.2.17.1.1"
}
