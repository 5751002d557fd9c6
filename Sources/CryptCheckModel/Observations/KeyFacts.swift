/// The algorithm family of a public or private key.
package enum KeyAlgorithm: String, Sendable, Codable, CaseIterable {
    case rsa
    case rsaPSS = "rsa-pss"
    case ec
    case ed25519, ed448, x25519, x448
    case dsa, dh
    case mlDSA = "ml-dsa"
    case mlKEM = "ml-kem"
    case slhDSA = "slh-dsa"
    case gost
    case unknown
}

/// Facts about one key: algorithm, size and curve. Never holds key material.
package struct KeyFacts: Sendable, Hashable, Codable {
    package var algorithm: KeyAlgorithm
    /// RSA/DSA/DH modulus bits, or the curve's order bits for EC keys.
    package var bits: Int?
    /// The `EllipticCurve` identifier for EC, EdDSA and XDH keys.
    package var curve: String?
    /// The algorithm OID as found, kept so unknown algorithms print faithfully.
    package var oid: String?
    /// True when an EC key carries explicit domain parameters instead of a named-curve OID
    /// (`curve` then names the curve they equal, or is `explicit`); absent otherwise.
    package var explicitCurveParameters: Bool?

    package init(algorithm: KeyAlgorithm, bits: Int? = nil, curve: String? = nil, oid: String? = nil) {
        self.algorithm = algorithm
        self.bits = bits
        self.curve = curve
        self.oid = oid
    }

    /// `RSA-2048`, `EC P-256`, `Ed25519`.
    package var summary: String {
        switch algorithm {
        case .ec:
            "EC " + (curve.flatMap { EllipticCurve.named($0)?.displayName } ?? curve ?? "unknown curve")
                + (explicitCurveParameters == true ? " (explicit parameters)" : "")
        case .ed25519: "Ed25519"
        case .ed448: "Ed448"
        case .x25519: "X25519"
        case .x448: "X448"
        case .unknown: "unknown key" + (oid.map { " (\($0))" } ?? "")
        default: algorithm.rawValue.uppercased() + (bits.map { "-\($0)" } ?? "")
        }
    }
}

/// Facts about a signature algorithm as found in a certificate, CSR or CRL.
package struct SignatureAlgorithmFacts: Sendable, Hashable, Codable {
    package var oid: String
    /// A readable name such as `sha256WithRSAEncryption`.
    package var name: String
    /// The signature scheme primitive (`rsassa-pkcs1-v1_5`, `rsa-pss`, `ecdsa`, `eddsa`, `dsa`).
    package var scheme: Primitive?
    /// The hash signed with; `nil` for schemes that hash internally (EdDSA).
    package var hash: Primitive?
    /// RSA-PSS: the MGF1 hash, when it differs from `hash`.
    package var mgf1Hash: Primitive?

    package init(oid: String, name: String, scheme: Primitive?, hash: Primitive?, mgf1Hash: Primitive? = nil) {
        self.oid = oid
        self.name = name
        self.scheme = scheme
        self.hash = hash
        self.mgf1Hash = mgf1Hash
    }
}
