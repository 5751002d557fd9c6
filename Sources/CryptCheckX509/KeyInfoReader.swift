import CryptCheckModel

/// Reads key facts (algorithm, size, curve) out of key structures. Only lengths and algorithm
/// identifiers are read; no key material is copied out or kept.
package enum KeyInfoReader {
    /// SubjectPublicKeyInfo (RFC 5280 4.1.2.7).
    package static func subjectPublicKeyInfo(_ node: DER) throws -> KeyFacts {
        let fields = try node.sequence("SubjectPublicKeyInfo", minimum: 2)
        let algorithm = try AlgorithmIdentifier(fields[0])
        var facts = try keyFacts(algorithm)
        if facts.algorithm == .rsa || facts.algorithm == .rsaPSS {
            let publicKey = try DER.parse(try fields[1].bitStringBytes())
            facts.bits = try publicKey.sequence("RSAPublicKey", minimum: 2)[0].positiveIntegerBitLength("the RSA modulus")
        } else if let length = Self.rawKeyLengths[facts.algorithm] {
            // RFC 8410 3: the key is the raw point, of one fixed length per algorithm.
            let key = try fields[1].bitStringBytes()
            guard key.count == length else {
                throw FormatError(.keyMalformed, "\(facts.algorithm.rawValue) public key of \(key.count) bytes (must be \(length))")
            }
        }
        return facts
    }

    /// PrivateKeyInfo / OneAsymmetricKey (RFC 5208, RFC 5958).
    package static func privateKeyInfo(_ node: DER) throws -> KeyFacts {
        let fields = try node.sequence("PrivateKeyInfo", minimum: 3)
        let algorithm = try AlgorithmIdentifier(fields[1])
        var facts = try keyFacts(algorithm)
        if facts.algorithm == .rsa || facts.algorithm == .rsaPSS {
            facts.bits = try rsaPrivateKey(DER.parse(Array(fields[2].value))).bits
        } else if facts.algorithm == .ec, facts.curve == nil {
            facts = try ecPrivateKey(DER.parse(Array(fields[2].value)))
        }
        return facts
    }

    /// The fixed public-key lengths of RFC 8410 keys, in bytes.
    static let rawKeyLengths: [KeyAlgorithm: Int] = [.ed25519: 32, .x25519: 32, .ed448: 57, .x448: 56]

    /// PKCS#1 RSAPrivateKey: the modulus size.
    package static func rsaPrivateKey(_ node: DER) throws -> KeyFacts {
        let fields = try node.sequence("RSAPrivateKey", minimum: 3)
        return KeyFacts(algorithm: .rsa, bits: try fields[1].positiveIntegerBitLength("the RSA modulus"), oid: "1.2.840.113549.1.1.1")
    }

    /// PKCS#1 RSAPublicKey: the modulus size.
    package static func rsaPublicKey(_ node: DER) throws -> KeyFacts {
        let fields = try node.sequence("RSAPublicKey", minimum: 2)
        return KeyFacts(algorithm: .rsa, bits: try fields[0].positiveIntegerBitLength("the RSA modulus"), oid: "1.2.840.113549.1.1.1")
    }

    /// SEC1 ECPrivateKey: the curve from its [0] parameters.
    package static func ecPrivateKey(_ node: DER) throws -> KeyFacts {
        let fields = try node.sequence("ECPrivateKey", minimum: 2)
        guard let parameters = fields.first(where: { $0.tag == 0xA0 }), let curveNode = try parameters.children().first else {
            throw FormatError(.keyMalformed, "ECPrivateKey: no curve parameters")
        }
        return try curveFacts(curveNode)
    }

    /// OpenSSL's traditional DSA private key: SEQUENCE { version, p, q, g, y, x }.
    package static func dsaPrivateKey(_ node: DER) throws -> KeyFacts {
        let fields = try node.sequence("DSAPrivateKey", minimum: 6)
        return KeyFacts(algorithm: .dsa, bits: try fields[1].integerBitLength(), oid: "1.2.840.10040.4.1")
    }

    /// Facts from an algorithm identifier and its domain parameters.
    package static func keyFacts(_ algorithm: AlgorithmIdentifier) throws -> KeyFacts {
        guard let kind = ObjectIdentifiers.keyAlgorithms[algorithm.oid] else {
            return KeyFacts(algorithm: .unknown, oid: algorithm.oid)
        }
        switch kind {
        case .ec where algorithm.oid == "1.2.156.10197.1.301":
            // SM2 named as the key algorithm itself (GM/T 0009) rather than as a curve.
            return KeyFacts(algorithm: .ec, bits: 256, curve: "sm2p256v1", oid: algorithm.oid)
        case .ec:
            guard let parameters = algorithm.parameters else { throw FormatError(.keyMalformed, "EC key without curve parameters") }
            var facts = try curveFacts(parameters)
            facts.oid = algorithm.oid
            return facts
        case .gost:
            // GostR3410-PublicKeyParameters (RFC 4491 2.3.2): SEQUENCE { publicKeyParamSet OID, ... }.
            var curve: String?
            if let parameters = algorithm.parameters, parameters.tag == DER.sequence,
                let set = try parameters.children().first, set.tag == DER.oid
            {
                let oid = try set.oid()
                curve = EllipticCurve.withOID(oid)?.id ?? oid
            }
            return KeyFacts(
                algorithm: kind, bits: ObjectIdentifiers.keyBitsByAlgorithm[algorithm.oid], curve: curve,
                oid: algorithm.oid)
        case .dsa, .dh:
            // Dss-Parms / DomainParameters / DHParameter all start with the prime p.
            guard let parameters = algorithm.parameters, parameters.tag == DER.sequence,
                let prime = try parameters.children().first
            else { return KeyFacts(algorithm: kind, oid: algorithm.oid) }
            return KeyFacts(algorithm: kind, bits: try prime.integerBitLength(), oid: algorithm.oid)
        case .ed25519, .ed448, .x25519, .x448:
            let curve = kind.rawValue
            return KeyFacts(algorithm: kind, bits: EllipticCurve.named(curve)?.orderBits, curve: curve, oid: algorithm.oid)
        case .mlKEM:
            let bits = ["2.16.840.1.101.3.4.4.1": 512, "2.16.840.1.101.3.4.4.2": 768, "2.16.840.1.101.3.4.4.3": 1024][algorithm.oid]
            return KeyFacts(algorithm: kind, bits: bits, oid: algorithm.oid)
        default:
            return KeyFacts(algorithm: kind, oid: algorithm.oid)
        }
    }

    /// A named curve (by OID), or explicit parameters (matched to the named curve they equal).
    package static func curveFacts(_ node: DER) throws -> KeyFacts {
        if node.tag == DER.sequence { return try ExplicitCurveReader.keyFacts(node) }
        guard node.tag == DER.oid else {
            // implicitlyCA (NULL): the curve is inherited from elsewhere and not observed here.
            return KeyFacts(algorithm: .ec, oid: "1.2.840.10045.2.1")
        }
        let oid = try node.oid()
        guard let curve = EllipticCurve.withOID(oid) else {
            return KeyFacts(algorithm: .ec, curve: oid, oid: "1.2.840.10045.2.1")
        }
        return KeyFacts(algorithm: .ec, bits: curve.orderBits, curve: curve.id, oid: "1.2.840.10045.2.1")
    }
}
