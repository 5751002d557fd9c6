import CryptCheckModel

/// Reads a signature AlgorithmIdentifier into facts, including RSASSA-PSS parameters.
package enum SignatureAlgorithmReader {
    /// The facts of one signature AlgorithmIdentifier; an unknown OID keeps its dotted form as name.
    package static func read(_ node: DER) throws -> SignatureAlgorithmFacts {
        let algorithm = try AlgorithmIdentifier(node)
        guard let known = ObjectIdentifiers.signatures[algorithm.oid] else {
            return SignatureAlgorithmFacts(oid: algorithm.oid, name: algorithm.oid, scheme: nil, hash: nil)
        }
        var facts = SignatureAlgorithmFacts(oid: algorithm.oid, name: known.name, scheme: known.scheme, hash: known.hash)
        if algorithm.oid == "1.2.840.10045.4.3", let parameters = algorithm.parameters, parameters.tag == DER.sequence {
            // ecdsa-with-Specified (RFC 3279 2.2.3 / X9.62): the hash is the parameter.
            let oid = try AlgorithmIdentifier(parameters).oid
            facts.hash = ObjectIdentifiers.hashes[oid] ?? Primitive(oid)
            facts.name = "ecdsa-with-Specified (\(facts.hash!.displayName))"
        }
        if known.scheme == "rsa-pss", let parameters = algorithm.parameters, parameters.tag == DER.sequence {
            // RSASSA-PSS-params: [0] hashAlgorithm (default SHA-1), [1] maskGenAlgorithm (default MGF1-SHA-1).
            var mgf1: Primitive = "sha-1"
            for field in try parameters.children() {
                if field.tag == 0xA0, let inner = try field.children().first {
                    let oid = try AlgorithmIdentifier(inner).oid
                    facts.hash = ObjectIdentifiers.hashes[oid] ?? Primitive(oid)
                } else if field.tag == 0xA1, let inner = try field.children().first,
                    let hashNode = try AlgorithmIdentifier(inner).parameters
                {
                    let oid = try AlgorithmIdentifier(hashNode).oid
                    mgf1 = ObjectIdentifiers.hashes[oid] ?? Primitive(oid)
                }
            }
            if let hash = facts.hash { facts.name = "RSASSA-PSS with \(hash.displayName)" }
            facts.mgf1Hash = mgf1
        }
        return facts
    }
}
