import CryptCheckModel

/// What a CycloneDX algorithm asset says, and what the registry makes of it: a signature
/// algorithm, a key algorithm with its size or curve, or primitives in their roles
/// (`DeclaredAlgorithm`). Resolved by OID first (`cryptoProperties.oid`, the registry's
/// `ObjectIdentifiers`), then by the `cryptcheck:primitive` property cryptcheck's own CBOMs
/// carry, then by the name's parts (`AES-128-GCM`, `SHA256withRSA`, `ML-KEM-768`) with
/// `parameterSetIdentifier`, `curve`, `mode` and `padding`. A part it does not know is an
/// unknown algorithm, never ignored.
struct BOMAlgorithm {
    /// The asset's fields that name the algorithm.
    var name: String?
    var oid: String?
    /// CycloneDX's `primitive` (`signature`, `pke`, `ae`, ...).
    var kind: String?
    var parameterSet: String?
    var curve: String?
    var mode: String?
    var padding: String?
    var functions: [String] = []
    /// `cryptcheck:primitive`, in the CBOMs cryptcheck writes.
    var catalogued: String?

    /// Why an asset could not be mapped.
    struct Failure: Error {
        let code: ErrorCode
        let reason: String
    }

    init(_ component: AnyJSON) {
        let properties = component["cryptoProperties"]?["algorithmProperties"]
        name = component["name"]?.string
        oid = component["cryptoProperties"]?["oid"]?.string
        kind = properties?["primitive"]?.string
        parameterSet = properties?["parameterSetIdentifier"]?.string
        curve = properties?["curve"]?.string
        mode = properties?["mode"]?.string
        padding = properties?["padding"]?.string
        if case .array(let values)? = properties?["cryptoFunctions"] { functions = values.compactMap(\.string) }
        catalogued = BOMInput.property(component, "cryptcheck:primitive")
    }

    /// What the registry makes of the asset.
    func resolve() throws(Failure) -> DeclaredAlgorithm {
        let shown = name ?? oid ?? catalogued ?? "algorithm"
        var size = parameterSet.flatMap { Int($0) }
        var declaredCurve: String?
        if let curve, !curve.isEmpty {
            guard let known = EllipticCurve.named(curve) ?? EllipticCurve.withOID(curve) else {
                throw Failure(code: .bomUnknownAlgorithm, reason: "the curve '\(curve)' is not known to cryptcheck")
            }
            declaredCurve = known.id
        }
        if let oid, !oid.isEmpty {
            return try resolve(oid: oid, shown: shown, size: size, curve: declaredCurve)
        }
        var parts: [Part]
        if let catalogued, Primitive(catalogued).isKnown {
            parts = [.primitive(Primitive(catalogued))]
        } else if let name, !name.isEmpty {
            parts = try Self.parts(of: name)
        } else {
            throw Failure(code: .bomMalformedAsset, reason: "the algorithm asset has neither a name nor an OID")
        }
        if let mode, let primitive = Self.index[mode.lowercased()],
            primitive.info?.kind == .encryptionMode
                || primitive.info?.kind == .authenticatedEncryption
        {
            parts.append(.primitive(primitive))
        }
        if let padding { parts.append(.padding(padding.lowercased())) }
        for part in parts {
            if case .size(let bits) = part, size == nil { size = bits }
            if case .curve(let id) = part, declaredCurve == nil { declaredCurve = id }
        }
        return try combine(parts, shown: shown, size: size, curve: declaredCurve)
    }

    private func resolve(oid: String, shown: String, size: Int?, curve: String?) throws(Failure) -> DeclaredAlgorithm {
        if let signature = ObjectIdentifiers.signatures[oid] {
            let facts = SignatureAlgorithmFacts(oid: oid, name: signature.name, scheme: signature.scheme, hash: signature.hash)
            return DeclaredAlgorithm(
                name: shown, signature: facts,
                key: signature.scheme == "ecdsa" ? curve.map { KeyFacts(algorithm: .ec, curve: $0) } : nil)
        }
        if let algorithm = ObjectIdentifiers.keyAlgorithms[oid] {
            return DeclaredAlgorithm(name: shown, key: Self.key(algorithm, oid: oid, size: size, curve: curve))
        }
        if let hash = ObjectIdentifiers.hashes[oid] {
            return DeclaredAlgorithm(name: shown, primitives: [DeclaredPrimitive(role: .digest, primitive: hash)])
        }
        if let cipher = ObjectIdentifiers.ciphers[oid] {
            var primitives = [DeclaredPrimitive(role: .cipher, primitive: cipher.primitive)]
            if let mode = cipher.mode {
                primitives.append(
                    DeclaredPrimitive(
                        role: mode.info?.kind == .authenticatedEncryption ? .authenticatedEncryption : .mode, primitive: mode))
            }
            return DeclaredAlgorithm(name: shown, primitives: primitives, keyBits: cipher.keyBits)
        }
        throw Failure(code: .bomUnknownAlgorithm, reason: "the algorithm OID \(oid) is not known to cryptcheck")
    }

    /// Key facts as the scanner records them: an EC key's size is its curve's order.
    static func key(_ algorithm: KeyAlgorithm, oid: String?, size: Int?, curve: String?) -> KeyFacts {
        switch algorithm {
        case .ec:
            return KeyFacts(algorithm: .ec, bits: size ?? curve.flatMap { EllipticCurve.named($0)?.orderBits }, curve: curve, oid: oid)
        case .ed25519, .ed448, .x25519, .x448:
            let curve = algorithm.rawValue
            return KeyFacts(algorithm: algorithm, bits: EllipticCurve.named(curve)?.orderBits, curve: curve, oid: oid)
        case .mlKEM:
            let bits = oid.flatMap { ["2.16.840.1.101.3.4.4.1": 512, "2.16.840.1.101.3.4.4.2": 768, "2.16.840.1.101.3.4.4.3": 1024][$0] }
            return KeyFacts(algorithm: .mlKEM, bits: bits ?? size, oid: oid)
        default:
            return KeyFacts(algorithm: algorithm, bits: size, curve: curve, oid: oid)
        }
    }

    // MARK: names

    /// One part of a name.
    enum Part: Equatable {
        case primitive(Primitive)
        /// A key algorithm the name gives without its use (`RSA`, `EC`, `Ed25519`).
        case key(KeyAlgorithm)
        case curve(String)
        case size(Int)
        case padding(String)
    }

    /// The catalogue by identifier and display name, lower case without punctuation (`sha256`,
    /// `mlkem768`, `chacha20poly1305`), and the usual other spellings.
    static let index: [String: Primitive] = {
        var index: [String: Primitive] = [:]
        for info in PrimitiveCatalogue.all where info.kind != PrimitiveKind.none {
            index[normalized(info.id.rawValue)] = info.id
        }
        let aliases: [String: Primitive] = [
            "tdes": "3des", "tripledes": "3des", "desede": "3des", "desede3": "3des", "des3": "3des", "tdea": "3des",
            "ecdhe": "ecdh", "dhe": "dh", "ffdh": "dh", "ffdhe": "dh", "diffiehellman": "dh", "rsassapss": "rsa-pss",
            "pss": "rsa-pss", "rsaoaep": "rsa-oaep", "rsaes": "rsaes-pkcs1-v1_5", "mldsa": "ml-dsa", "slhdsa": "slh-dsa",
            "sha": "sha-1", "sha1": "sha-1", "chachapoly": "chacha20-poly1305", "camellia128": "camellia",
        ]
        index.merge(aliases) { _, alias in alias }
        return index
    }()

    static let keyNames: [String: KeyAlgorithm] = [
        "rsa": .rsa, "ec": .ec, "ed25519": .ed25519, "ed448": .ed448, "x25519": .x25519, "x448": .x448,
        "mlkem": .mlKEM,
    ]
    static let paddings: Set<String> = [
        "pkcs1", "pkcs1v15", "pkcs1v1", "oaep", "pkcs5", "pkcs7", "pkcs5padding", "pkcs7padding", "nopadding", "raw",
        "encryption", "pkcs",
    ]

    static func normalized(_ text: String) -> String { text.lowercased().filter { $0.isLetter || $0.isNumber } }

    /// The parts of `name`: split at `-`, `_`, `/`, spaces and `with` (`SHA256withRSA`),
    /// the longest run of pieces that names something taken first.
    static func parts(of name: String) throws(Failure) -> [Part] {
        let spaced = name.replacingOccurrences(of: "with", with: " ", options: .caseInsensitive)
        let pieces = spaced.split { "-_/ ,.()".contains($0) }.map(String.init)
        var parts: [Part] = []
        var start = 0
        while start < pieces.count {
            var matched = false
            for length in stride(from: min(3, pieces.count - start), through: 1, by: -1) {
                let run = Array(pieces[start..<start + length])
                if let part = part(run) {
                    parts.append(part)
                    start += length
                    matched = true
                    break
                }
            }
            guard matched else {
                throw Failure(
                    code: .bomUnknownAlgorithm,
                    reason: "the algorithm name '\(name)' has a part cryptcheck does not know ('\(pieces[start])')")
            }
        }
        return parts
    }

    private static func part(_ run: [String]) -> Part? {
        let joined = normalized(run.joined())
        if run.count == 1, let bits = Int(joined) { return .size(bits) }
        if let primitive = index[joined] { return .primitive(primitive) }
        if let key = keyNames[joined] { return .key(key) }
        for candidate in [run.joined(separator: "-"), joined, joined.hasPrefix("p") ? "p-" + joined.dropFirst() : ""]
        where !candidate.isEmpty {
            if let curve = EllipticCurve.named(candidate) { return .curve(curve.id) }
        }
        if run.count == 1, paddings.contains(joined) { return .padding(joined) }
        return nil
    }

    /// The parts as one declared algorithm.
    private func combine(_ parts: [Part], shown: String, size: Int?, curve: String?) throws(Failure) -> DeclaredAlgorithm {
        var primitives: [Primitive] = []
        var keys: [KeyAlgorithm] = []
        var paddings: Set<String> = []
        for part in parts {
            switch part {
            case .primitive(let primitive): if !primitives.contains(primitive) { primitives.append(primitive) }
            case .key(let key): keys.append(key)
            case .padding(let padding): paddings.insert(padding)
            case .size, .curve: break
            }
        }
        let hash = primitives.first { $0.info?.kind == .hash }
        let schemes = primitives.filter { $0.info?.kind == .signature }
        let encrypts =
            kind == "pke" || kind == "kem" || paddings.contains("oaep") || functions.contains("encrypt")
            || primitives.contains { $0.info?.kind == .confidentiality }
        // A bare public-key algorithm: RSA for key transport, or a key judged as a key.
        if let key = keys.first {
            if key == .rsa && encrypts {
                let scheme: Primitive = paddings.contains("oaep") || primitives.contains("rsa-oaep") ? "rsa-oaep" : "rsaes-pkcs1-v1_5"
                return DeclaredAlgorithm(
                    name: shown, primitives: [DeclaredPrimitive(role: .keyTransport, primitive: scheme)], keyBits: size)
            }
            if key == .rsa, let hash {
                let scheme: Primitive = schemes.contains("rsa-pss") ? "rsa-pss" : "rsassa-pkcs1-v1_5"
                return DeclaredAlgorithm(
                    name: shown, signature: SignatureAlgorithmFacts(oid: oid ?? "", name: shown, scheme: scheme, hash: hash))
            }
            if key == .ec, let hash {
                return DeclaredAlgorithm(
                    name: shown, signature: SignatureAlgorithmFacts(oid: "", name: shown, scheme: "ecdsa", hash: hash),
                    key: curve.map { KeyFacts(algorithm: .ec, curve: $0) })
            }
            if key == .x25519 || key == .x448 {
                return DeclaredAlgorithm(
                    name: shown, primitives: [DeclaredPrimitive(role: .keyExchange, primitive: "ecdh")], curve: key.rawValue)
            }
            let algorithm: KeyAlgorithm = key == .rsa && schemes.contains("rsa-pss") ? .rsaPSS : key
            return DeclaredAlgorithm(name: shown, key: Self.key(algorithm, oid: nil, size: size, curve: curve))
        }
        if let scheme = schemes.first {
            if let hash {
                return DeclaredAlgorithm(
                    name: shown, signature: SignatureAlgorithmFacts(oid: "", name: shown, scheme: scheme, hash: hash),
                    key: scheme == "ecdsa" ? curve.map { KeyFacts(algorithm: .ec, curve: $0) } : nil)
            }
            switch scheme {
            case "ecdsa": return DeclaredAlgorithm(name: shown, key: Self.key(.ec, oid: nil, size: nil, curve: curve))
            case "dsa": return DeclaredAlgorithm(name: shown, key: Self.key(.dsa, oid: nil, size: size, curve: nil))
            case "rsa-pss": return DeclaredAlgorithm(name: shown, key: Self.key(.rsaPSS, oid: nil, size: size, curve: nil))
            case "rsassa-pkcs1-v1_5": return DeclaredAlgorithm(name: shown, key: Self.key(.rsa, oid: nil, size: size, curve: nil))
            case "ml-dsa": return DeclaredAlgorithm(name: shown, key: Self.key(.mlDSA, oid: nil, size: size, curve: nil))
            case "slh-dsa": return DeclaredAlgorithm(name: shown, key: Self.key(.slhDSA, oid: nil, size: size, curve: nil))
            case "eddsa" where curve == "ed25519" || curve == "ed448":
                return DeclaredAlgorithm(
                    name: shown, key: Self.key(curve == "ed25519" ? .ed25519 : .ed448, oid: nil, size: nil, curve: nil))
            default:
                return DeclaredAlgorithm(
                    name: shown, signature: SignatureAlgorithmFacts(oid: "", name: shown, scheme: scheme, hash: nil))
            }
        }
        guard !primitives.isEmpty else {
            throw Failure(code: .bomUnknownAlgorithm, reason: "'\(shown)' names no algorithm cryptcheck knows")
        }
        let mac = primitives.contains { $0.info?.kind == .mac }
        let kdf = primitives.contains { $0.info?.kind == .keyDerivation }
        var declared: [DeclaredPrimitive] = []
        for primitive in primitives {
            let role: PrimitiveRole =
                switch primitive.info?.kind {
                case .blockCipher64?, .blockCipher128?, .streamCipher?: .cipher
                case .encryptionMode?: .mode
                case .authenticatedEncryption?: .authenticatedEncryption
                case .mac?: .mac
                case .hash?: mac ? .macHash : kdf ? .kdfHash : .digest
                case .keyDerivation?: .kdf
                case .keyExchange?: .keyExchange
                case .kem?: .kem
                case .confidentiality?: .keyTransport
                default: .cipher
                }
            declared.append(DeclaredPrimitive(role: role, primitive: primitive))
        }
        return DeclaredAlgorithm(name: shown, primitives: declared, keyBits: size, curve: curve)
    }
}
