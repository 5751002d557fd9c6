/// The way in for the fuzz targets (`Fuzz/`), which live in their own package and so see only
/// `public` declarations: hostile bytes through the bounded DER reader and every X.509 and key
/// reader built on it, exactly as the file and TLS scanners call them.
public enum X509FuzzEntry {
    /// Parses `bytes` as one DER value, walks the whole tree (reading every OID, INTEGER and
    /// BIT STRING met), and hands the root to each reader that takes a DER node. Returns how
    /// many nodes and readings succeeded; a malformed input is an ordinary result, never a trap.
    public static func read(_ bytes: [UInt8]) -> Int {
        guard let root = try? DER.parse(bytes) else { return 0 }
        var count = walk(root, depth: 0)
        let readers: [(DER) throws -> Void] = [
            { _ = try CertificateReader.read(der: $0.bytes) },
            { _ = try KeyInfoReader.subjectPublicKeyInfo($0) },
            { _ = try KeyInfoReader.privateKeyInfo($0) },
            { _ = try KeyInfoReader.rsaPrivateKey($0) },
            { _ = try KeyInfoReader.rsaPublicKey($0) },
            { _ = try KeyInfoReader.ecPrivateKey($0) },
            { _ = try KeyInfoReader.dsaPrivateKey($0) },
            { _ = try KeyInfoReader.curveFacts($0) },
            { _ = try KeyInfoReader.keyFacts(AlgorithmIdentifier($0)) },
            { _ = try SignatureAlgorithmReader.read($0) },
            { _ = try ExplicitCurveReader.keyFacts($0) },
        ]
        for reader in readers where (try? reader(root)) != nil { count += 1 }
        return count
    }

    /// Visits every node under `node`, as deep as the reader allows, reading the primitive
    /// values the readers read.
    private static func walk(_ node: DER, depth: Int) -> Int {
        var count = 1
        switch node.tag {
        case DER.oid: if (try? node.oid()) != nil { count += 1 }
        case DER.integer:
            if (try? node.int()) != nil { count += 1 }
            if (try? node.integerBitLength()) != nil { count += 1 }
        case DER.bitString: if (try? node.bitStringBytes()) != nil { count += 1 }
        default: break
        }
        guard let children = try? node.children(depth: depth) else { return count }
        for child in children { count += walk(child, depth: depth + 1) }
        return count
    }
}
