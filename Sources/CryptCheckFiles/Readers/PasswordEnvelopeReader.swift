import CryptCheckModel
import CryptCheckX509

/// Reads a password-based encryption AlgorithmIdentifier (PBES2, PBES1, PKCS#12 PBE, JKS) into
/// the envelope's algorithms, in order: KDF, PRF, cipher, mode (or legacy scheme, cipher, mode).
enum PasswordEnvelopeReader {
    static func read(_ node: DER) throws -> [ProtectionAlgorithm] {
        let algorithm = try AlgorithmIdentifier(node)
        if algorithm.oid == ObjectIdentifiers.pbes2 {
            guard let parameters = algorithm.parameters else { throw FormatError(.envelopeMalformed, "PBES2 without parameters") }
            let fields = try parameters.sequence("PBES2-params", minimum: 2)
            return try keyDerivation(AlgorithmIdentifier(fields[0])) + cipher(AlgorithmIdentifier(fields[1]))
        }
        if let scheme = ObjectIdentifiers.passwordSchemes[algorithm.oid] {
            var iterations: Int?
            if let parameters = algorithm.parameters, parameters.tag == DER.sequence {
                iterations = try parameters.children().dropFirst().first?.int()  // PBEParameter { salt, iterationCount }
            }
            var result = [
                ProtectionAlgorithm(
                    role: .legacyPBE, primitive: scheme.scheme, hash: scheme.hash,
                    iterations: iterations, identifier: scheme.name)
            ]
            result.append(ProtectionAlgorithm(role: .cipher, primitive: scheme.cipher.primitive, keyBits: scheme.cipher.keyBits))
            if let mode = scheme.cipher.mode { result.append(ProtectionAlgorithm(role: .mode, primitive: mode)) }
            return result
        }
        if algorithm.oid == ObjectIdentifiers.jksKeyProtector {
            return [ProtectionAlgorithm(role: .cipher, primitive: "jks-keyprotector", identifier: algorithm.oid)]
        }
        return [ProtectionAlgorithm(role: .cipher, primitive: Primitive(algorithm.oid), identifier: algorithm.oid)]
    }

    private static func keyDerivation(_ kdf: AlgorithmIdentifier) throws -> [ProtectionAlgorithm] {
        if kdf.oid == ObjectIdentifiers.pbkdf2 {
            guard let parameters = kdf.parameters else { throw FormatError(.envelopeMalformed, "PBKDF2 without parameters") }
            let fields = try parameters.sequence("PBKDF2-params", minimum: 2)
            let iterations = try fields[1].int()
            var prf: Primitive = "sha-1"  // RFC 8018: hmacWithSHA1 when absent
            if let prfNode = fields.dropFirst(2).first(where: { $0.tag == DER.sequence }) {
                let oid = try AlgorithmIdentifier(prfNode).oid
                prf = ObjectIdentifiers.prfs[oid] ?? Primitive(oid)
            }
            return [
                ProtectionAlgorithm(role: .kdf, primitive: "pbkdf2", iterations: iterations, identifier: kdf.oid),
                ProtectionAlgorithm(role: .prf, primitive: "hmac", hash: prf),
            ]
        }
        if kdf.oid == ObjectIdentifiers.scrypt {
            return [ProtectionAlgorithm(role: .kdf, primitive: "scrypt", identifier: kdf.oid)]
        }
        return [ProtectionAlgorithm(role: .kdf, primitive: Primitive(kdf.oid), identifier: kdf.oid)]
    }

    private static func cipher(_ scheme: AlgorithmIdentifier) throws -> [ProtectionAlgorithm] {
        guard var cipher = ObjectIdentifiers.ciphers[scheme.oid] else {
            return [ProtectionAlgorithm(role: .cipher, primitive: Primitive(scheme.oid), identifier: scheme.oid)]
        }
        if cipher.primitive == "rc2", let parameters = scheme.parameters, parameters.tag == DER.sequence,
            let version = try parameters.children().first, version.tag == DER.integer
        {
            // RFC 8018 B.2.3: the RC2 parameter version encodes the effective key bits.
            let encoded = try version.int()
            let bits = [160: 40, 120: 64, 58: 128][encoded] ?? encoded
            cipher = ObjectIdentifiers.Cipher("rc2", bits, "cbc")
        }
        var result = [ProtectionAlgorithm(role: .cipher, primitive: cipher.primitive, keyBits: cipher.keyBits, identifier: scheme.oid)]
        if let mode = cipher.mode { result.append(ProtectionAlgorithm(role: .mode, primitive: mode)) }
        return result
    }
}
