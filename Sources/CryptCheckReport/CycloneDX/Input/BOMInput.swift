import CryptCheckModel
import Foundation

/// A CycloneDX BOM given to `cryptcheck evaluate` (any file whose top level says
/// `"bomFormat": "CycloneDX"`): its cryptographic assets become declared observations, judged
/// by the rules that judge the same things observed, and marked declared in every output.
///
/// - a TLS (or SSL) protocol asset: a declared endpoint with its version and cipher suites
///   (by `identifiers` first, then the registry name);
/// - an SSH protocol asset: a declared SSH endpoint (`sshEndpoint`), its host keys never
///   verified by a signature;
/// - a certificate: a declared file holding it (signature algorithm by the signature OID or
///   `signatureAlgorithmRef`, subject key by `subjectPublicKeyRef`, validity by its dates);
/// - a public or private key (related crypto material): a declared file holding the key;
///   a secret key is judged as its algorithm with its size;
/// - an algorithm asset no other asset refers to: a declared algorithm (`DeclaredAlgorithm`).
///
/// An asset that cannot be mapped becomes an `UnscannedTarget` with a `bom.*` code: listed as
/// not judged, with the reason and its JSON path; a BOM without cryptographic assets (every
/// CycloneDX 1.4 and 1.5 BOM) is one too. Reading is bounded in size and nesting.
package enum BOMInput {
    /// The largest BOM read (64 MiB).
    static let maxBytes = 64 << 20
    /// The deepest nesting of arrays and objects read.
    static let maxDepth = 64

    /// A BOM that cannot be read at all.
    package struct Failure: Error, CodedError {
        package let code: ErrorCode
        package let message: String
    }

    /// The declared observations of `data` read from `path`, or `nil` when `data` is not a
    /// CycloneDX BOM (it is then read as an observation file). Throws `Failure` for a BOM that
    /// is too large, too deep or not in CycloneDX's shape.
    package static func observations(_ data: Data, path: String) throws -> ObservationSet? {
        let marker = Data("\"bomFormat\"".utf8)
        guard data.range(of: marker) != nil else { return nil }
        guard data.count <= maxBytes else {
            throw Failure(code: .bomInvalid, message: "a CycloneDX BOM larger than \(maxBytes >> 20) MiB is not read")
        }
        guard depth(of: data) <= maxDepth else {
            throw Failure(code: .bomInvalid, message: "the CycloneDX BOM nests deeper than \(maxDepth) levels")
        }
        let json: AnyJSON
        do {
            json = try JSONDecoder().decode(AnyJSON.self, from: data)
        } catch {
            // Not JSON: not a BOM either; the observation reader says what is wrong.
            return nil
        }
        guard json["bomFormat"]?.string == "CycloneDX" else { return nil }
        var reader = Reader(bom: path, root: json)
        return try reader.read()
    }

    /// The deepest nesting of `data`'s arrays and objects, outside strings.
    static func depth(of data: Data) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    /// A CycloneDX date-time (`2026-01-31T00:00:00Z`, with or without fractions of a second).
    static func date(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// Every CycloneDX property of `component`, in order, with its index; a property without a
    /// string name or value is `nil` in its place.
    static func properties(_ component: AnyJSON) -> [(index: Int, name: String?, value: String?)] {
        guard case .array(let properties)? = component["properties"] else { return [] }
        return properties.enumerated().map { ($0.offset, $0.element["name"]?.string, $0.element["value"]?.string) }
    }

    /// The value of the CycloneDX property `name` of `component`, if it has one.
    static func property(_ component: AnyJSON, _ name: String) -> String? {
        guard case .array(let properties)? = component["properties"] else { return nil }
        return properties.first { $0["name"]?.string == name }?["value"]?.string
    }

    /// One BOM's walk: its components by bom-ref, then each cryptographic asset mapped.
    struct Reader {
        let bom: String
        let root: AnyJSON
        /// Every component with its JSON path, in document order (nested components after
        /// their parent).
        var components: [(path: String, value: AnyJSON)] = []
        var byRef: [String: (path: String, value: AnyJSON)] = [:]
        var set = ObservationSet(tool: "cryptcheck", observedAt: Date(timeIntervalSince1970: 0))

        init(bom: String, root: AnyJSON) {
            self.bom = bom
            self.root = root
        }

        mutating func read() throws -> ObservationSet {
            guard case .object = root else { throw Failure(code: .bomInvalid, message: "the CycloneDX BOM is not a JSON object") }
            if let timestamp = root["metadata"]?["timestamp"]?.string, let date = BOMInput.date(timestamp) {
                set.observedAt = date
            }
            // Who says so: the BOM and the product it describes, not a cryptcheck scan.
            let product = root["metadata"]?["component"]
            let described = [product?["name"]?.string, product?["version"]?.string].compactMap { $0 }.joined(separator: " ")
            set.tool =
                "CycloneDX \(root["specVersion"]?.string ?? "?") BOM" + (described.isEmpty ? "" : " of \(described)")
            switch root["components"] {
            case nil, .null?: break
            case .array(let list)?: collect(list, path: "components")
            default: throw Failure(code: .bomInvalid, message: "'components' of the CycloneDX BOM is not an array")
            }
            let assets = components.filter { $0.value["type"]?.string == "cryptographic-asset" }
            guard !assets.isEmpty else {
                let version = root["specVersion"]?.string ?? "?"
                let before = ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5"].contains(version)
                set.unscanned.append(
                    UnscannedTarget(
                        target: bom,
                        reason: "the CycloneDX \(version) BOM carries no cryptographic assets"
                            + (before ? " (CycloneDX added them in 1.6)" : "")
                            + "; nothing it describes was judged",
                        code: .bomNoCryptographicAssets))
                return set
            }
            let used = referenced(assets)
            let served = Set(
                assets.flatMap { asset -> [String] in
                    guard case .array(let refs)? = asset.value["cryptoProperties"]?["protocolProperties"]?["cryptoRefArray"] else {
                        return []
                    }
                    return refs.compactMap(\.string)
                })
            for asset in assets {
                let ref = asset.value["bom-ref"]?.string ?? asset.path
                var source = DeclaredSource(bom: bom, ref: ref)
                if served.contains(ref) && asset.value["cryptoProperties"]?["assetType"]?.string == "certificate" {
                    source.served = true
                }
                do throws(BOMAlgorithm.Failure) {
                    try map(asset.value, path: asset.path, source: source, referenced: used.contains(ref))
                } catch {
                    set.unscanned.append(
                        UnscannedTarget(target: source.name, reason: "\(error.reason) (at \(asset.path))", code: error.code))
                }
            }
            return set
        }

        private mutating func collect(_ list: [AnyJSON], path: String) {
            for (index, component) in list.enumerated() {
                let here = "\(path)[\(index)]"
                components.append((here, component))
                if let ref = component["bom-ref"]?.string, byRef[ref] == nil { byRef[ref] = (here, component) }
                if case .array(let nested)? = component["components"] { collect(nested, path: here + ".components") }
            }
        }

        /// The refs other assets use: algorithms of keys, certificates and suites, and the keys
        /// certificates hold. Those are judged through the asset that uses them.
        private func referenced(_ assets: [(path: String, value: AnyJSON)]) -> Set<String> {
            var refs = Set<String>()
            for asset in assets {
                let crypto = asset.value["cryptoProperties"]
                if let ref = crypto?["relatedCryptoMaterialProperties"]?["algorithmRef"]?.string { refs.insert(ref) }
                if let ref = crypto?["certificateProperties"]?["signatureAlgorithmRef"]?.string { refs.insert(ref) }
                if let ref = crypto?["certificateProperties"]?["subjectPublicKeyRef"]?.string { refs.insert(ref) }
                // What an SSH endpoint refers to (its host keys, the algorithms of its findings)
                // is judged through the endpoint.
                if crypto?["protocolProperties"]?["type"]?.string == "ssh",
                    case .array(let served)? = crypto?["protocolProperties"]?["cryptoRefArray"]
                {
                    refs.formUnion(served.compactMap(\.string))
                }
                if case .array(let suites)? = crypto?["protocolProperties"]?["cipherSuites"] {
                    for suite in suites {
                        if case .array(let algorithms)? = suite["algorithms"] { refs.formUnion(algorithms.compactMap(\.string)) }
                    }
                }
            }
            return refs
        }

        private mutating func map(_ asset: AnyJSON, path: String, source: DeclaredSource, referenced: Bool) throws(BOMAlgorithm.Failure) {
            let crypto = asset["cryptoProperties"]
            guard let type = crypto?["assetType"]?.string else {
                throw BOMAlgorithm.Failure(code: .bomMalformedAsset, reason: "the asset has no cryptoProperties.assetType")
            }
            switch type {
            case "algorithm":
                // Judged through the certificate, key or suite that uses it.
                if referenced { return }
                var file = FileObservation(path: source.name)
                file.declared = source
                file.declaredAlgorithm = try BOMAlgorithm(asset).resolve()
                set.files.append(file)
            case "protocol" where crypto?["protocolProperties"]?["type"]?.string == "ssh":
                set.sshEndpoints.append(try sshEndpoint(asset, path: path, source: source))
            case "protocol":
                set.endpoints.append(try protocolEndpoint(asset, path: path, source: source))
            case "certificate":
                set.files.append(try certificateFile(asset, source: source))
            case "related-crypto-material":
                let material = crypto?["relatedCryptoMaterialProperties"]
                let kind = material?["type"]?.string ?? "unknown"
                switch kind {
                case "public-key", "private-key":
                    // A certificate's subject key is judged as the certificate's.
                    if referenced { return }
                    var file = FileObservation(
                        path: source.name,
                        items: [
                            FileItem(
                                kind: kind == "public-key" ? .publicKey : .privateKey, format: material?["format"]?.string ?? "declared",
                                key: try keyFacts(asset, optional: true))
                        ])
                    file.declared = source
                    set.files.append(file)
                case "secret-key":
                    guard let ref = material?["algorithmRef"]?.string else {
                        throw BOMAlgorithm.Failure(code: .bomMalformedAsset, reason: "the secret key has no algorithmRef")
                    }
                    var algorithm = try BOMAlgorithm(try component(ref, for: "algorithmRef")).resolve()
                    if case .int(let size)? = material?["size"] { algorithm.keyBits = size }
                    var file = FileObservation(path: source.name)
                    file.declared = source
                    file.declaredAlgorithm = algorithm
                    set.files.append(file)
                default:
                    throw BOMAlgorithm.Failure(
                        code: .bomUnsupportedAsset, reason: "related crypto material of type '\(kind)' is not judged by cryptcheck")
                }
            default:
                throw BOMAlgorithm.Failure(code: .bomUnsupportedAsset, reason: "the asset type '\(type)' is not judged by cryptcheck")
            }
        }

        func component(_ ref: String, for field: String) throws(BOMAlgorithm.Failure) -> AnyJSON {
            guard let found = byRef[ref] else {
                throw BOMAlgorithm.Failure(code: .bomMalformedAsset, reason: "\(field) '\(ref)' names no component of the BOM")
            }
            return found.value
        }

        // MARK: keys and certificates

        /// A key's facts: by the `cryptcheck:oid` and `cryptcheck:curve` properties cryptcheck
        /// writes, else by the algorithm asset `algorithmRef` names; the size from `size`.
        /// `optional`: a key that names no algorithm at all is `nil` (judged as a key whose
        /// algorithm is not known), not a malformed asset.
        func keyFacts(_ asset: AnyJSON, optional: Bool = false) throws(BOMAlgorithm.Failure) -> KeyFacts? {
            let material = asset["cryptoProperties"]?["relatedCryptoMaterialProperties"]
            var size: Int?
            if case .int(let bits)? = material?["size"] { size = bits }
            let curve = BOMInput.property(asset, "cryptcheck:curve").map { EllipticCurve.named($0)?.id ?? $0 }
            if let oid = BOMInput.property(asset, "cryptcheck:oid") ?? asset["cryptoProperties"]?["oid"]?.string,
                let algorithm = ObjectIdentifiers.keyAlgorithms[oid]
            {
                return BOMAlgorithm.key(algorithm, oid: oid, size: size, curve: curve)
            }
            guard let ref = material?["algorithmRef"]?.string else {
                // The key's own name (`RSA-2048`), or the summary cryptcheck wrote (`EC P-256`).
                if let named = BOMInput.property(asset, "cryptcheck:key") ?? asset["name"]?.string,
                    var algorithm = try? BOMAlgorithm.parts(of: named).compactMap({ part -> KeyAlgorithm? in
                        if case .key(let key) = part { return key }
                        return nil
                    }).first.map({ BOMAlgorithm.key($0, oid: nil, size: size, curve: curve) })
                {
                    if algorithm.algorithm == .ec, algorithm.curve == nil,
                        let found = try? BOMAlgorithm.parts(of: named).compactMap({ part -> String? in
                            if case .curve(let id) = part { return id }
                            return nil
                        }).first
                    {
                        algorithm = BOMAlgorithm.key(.ec, oid: nil, size: nil, curve: found)
                    }
                    return algorithm
                }
                if optional { return nil }
                throw BOMAlgorithm.Failure(code: .bomMalformedAsset, reason: "the key has neither an algorithmRef nor a known OID")
            }
            var algorithm = BOMAlgorithm(try component(ref, for: "algorithmRef"))
            if algorithm.parameterSet == nil, let size { algorithm.parameterSet = String(size) }
            let declared = try algorithm.resolve()
            if var key = declared.key {
                if let size, key.algorithm != .ec { key.bits = size }
                return key
            }
            if let scheme = declared.signature?.scheme, let kind = Self.keyAlgorithm(ofScheme: scheme) {
                return BOMAlgorithm.key(kind, oid: nil, size: size, curve: declared.key?.curve ?? curve)
            }
            if declared.primitives.contains(where: { $0.role == .keyTransport }) {
                return KeyFacts(algorithm: .rsa, bits: size)
            }
            if declared.primitives.contains(where: { $0.primitive == "ecdh" }), let curve = declared.curve ?? curve {
                return BOMAlgorithm.key(.ec, oid: nil, size: nil, curve: curve)
            }
            if declared.primitives.contains(where: { $0.primitive == "dh" }) { return KeyFacts(algorithm: .dh, bits: size) }
            throw BOMAlgorithm.Failure(
                code: .bomMalformedAsset, reason: "the key's algorithm '\(declared.name)' is not a public-key algorithm")
        }

        static func keyAlgorithm(ofScheme scheme: Primitive) -> KeyAlgorithm? {
            [
                "rsassa-pkcs1-v1_5": .rsa, "rsa-pss": .rsaPSS, "ecdsa": .ec, "dsa": .dsa, "ml-dsa": .mlDSA, "slh-dsa": .slhDSA,
                "gost-r34.10": .gost,
            ][scheme]
        }

        /// A certificate as a declared file of one item: with its dates, key and signature
        /// all declared, judged as a certificate found on disk; otherwise by what it declares.
        private func certificateFile(_ asset: AnyJSON, source: DeclaredSource) throws(BOMAlgorithm.Failure) -> FileObservation {
            let properties = asset["cryptoProperties"]?["certificateProperties"]
            var signature: SignatureAlgorithmFacts?
            if let oid = BOMInput.property(asset, "cryptcheck:signatureAlgorithmOID") {
                let known = ObjectIdentifiers.signatures[oid]
                // The hash as the certificate gave it (RSA-PSS names it in its parameters).
                let hash = BOMInput.property(asset, "cryptcheck:signatureHash").map(Primitive.init(rawValue:)) ?? known?.hash
                signature = SignatureAlgorithmFacts(
                    oid: oid, name: BOMInput.property(asset, "cryptcheck:signatureAlgorithm") ?? known?.name ?? oid,
                    scheme: known?.scheme, hash: hash)
            } else if let ref = properties?["signatureAlgorithmRef"]?.string {
                let declared = try BOMAlgorithm(try component(ref, for: "signatureAlgorithmRef")).resolve()
                guard let facts = declared.signature else {
                    throw BOMAlgorithm.Failure(
                        code: .bomMalformedAsset,
                        reason: "signatureAlgorithmRef '\(ref)' names '\(declared.name)', not a signature algorithm")
                }
                signature = facts
            }
            var key: KeyFacts?
            if let ref = properties?["subjectPublicKeyRef"]?.string {
                key = try keyFacts(try component(ref, for: "subjectPublicKeyRef"), optional: true)
            }
            let format = properties?["certificateFormat"]?.string ?? "X.509"
            var item = FileItem(kind: .certificate, format: format, key: key, signature: signature)
            if let key, let signature,
                let notBefore = properties?["notValidBefore"]?.string.flatMap(BOMInput.date),
                let notAfter = properties?["notValidAfter"]?.string.flatMap(BOMInput.date)
            {
                let subject = properties?["subjectName"]?.string ?? asset["name"]?.string ?? ""
                let issuer = properties?["issuerName"]?.string ?? ""
                item = FileItem(
                    kind: .certificate, format: format,
                    certificate: CertificateFacts(
                        subject: subject, issuer: issuer, notBefore: notBefore, notAfter: notAfter, publicKey: key,
                        signature: signature, sha256Fingerprint: Self.fingerprint(asset),
                        isCA: BOMInput.property(asset, "cryptcheck:isCA") == "true", isSelfSigned: !issuer.isEmpty && subject == issuer))
            }
            var file = FileObservation(path: source.name, items: [item])
            file.declared = source
            return file
        }

        /// The fingerprint cryptcheck wrote (`cryptcheck:sha256`), if it is one; empty otherwise:
        /// a BOM gives no DER to take one from, and none is made up.
        static func fingerprint(_ asset: AnyJSON) -> String {
            guard let value = BOMInput.property(asset, "cryptcheck:sha256")?.lowercased(), value.count == 64,
                value.allSatisfy(\.isHexDigit)
            else { return "" }
            return value
        }

        // MARK: protocols

        /// A TLS protocol asset as a declared endpoint: one accepted version and its suites.
        private mutating func protocolEndpoint(_ asset: AnyJSON, path: String, source: DeclaredSource) throws(BOMAlgorithm.Failure)
            -> TLSEndpointObservation
        {
            let properties = asset["cryptoProperties"]?["protocolProperties"]
            let type = properties?["type"]?.string ?? "unknown"
            let number = properties?["version"]?.string ?? ""
            let version: ProtocolVersion?
            switch type {
            case "tls": version = ["1.0": .tlsv1_0, "1": .tlsv1_0, "1.1": .tlsv1_1, "1.2": .tlsv1_2, "1.3": .tlsv1_3][number]
            case "other" where (asset["name"]?.string ?? "").uppercased().hasPrefix("SSL"):
                // cryptcheck writes SSL as `other` (CycloneDX has no SSL type), named `SSLv3 at …`.
                version = ["2": .sslv2, "2.0": .sslv2, "3": .sslv3, "3.0": .sslv3][number]
            default:
                throw BOMAlgorithm.Failure(code: .bomUnsupportedAsset, reason: "the protocol '\(type)' is not judged by cryptcheck")
            }
            guard let version else {
                throw BOMAlgorithm.Failure(
                    code: number.isEmpty ? .bomMalformedAsset : .bomUnsupportedAsset,
                    reason: number.isEmpty
                        ? "the \(type) protocol asset declares no version" : "\(type) version '\(number)' is not known to cryptcheck")
            }
            var suites: [CipherSuite] = []
            var kinds: [SSLv2CipherKind] = []
            var listed = false
            switch properties?["cipherSuites"] {
            case nil, .null?: break
            case .array(let declared)?:
                listed = true
                for (index, suite) in declared.enumerated() {
                    let here = "\(path).cryptoProperties.protocolProperties.cipherSuites[\(index)]"
                    do throws(BOMAlgorithm.Failure) {
                        switch try Self.suite(suite, sslv2: version == .sslv2) {
                        case .suite(let code): if !suites.contains(code) { suites.append(code) }
                        case .kind(let kind): if !kinds.contains(kind) { kinds.append(kind) }
                        }
                    } catch {
                        set.unscanned.append(UnscannedTarget(target: source.name, reason: "\(error.reason) (at \(here))", code: error.code))
                    }
                }
            default:
                throw BOMAlgorithm.Failure(code: .bomMalformedAsset, reason: "cipherSuites is not an array")
            }
            var endpoint = TLSEndpointObservation(
                host: "", port: 0, versions: [VersionSupport(version: version, status: .yes)],
                cipherSuites: listed && version != .sslv2 ? [SuiteEnumeration(version: version, accepted: suites)] : [],
                sslv2CipherKinds: kinds)
            endpoint.declared = source
            return endpoint
        }

        enum DeclaredSuite {
            case suite(CipherSuite)
            case kind(SSLv2CipherKind)
        }

        /// A suite by its `identifiers` (two bytes, `["0xC0", "0x2F"]` or `["0xC02F"]`; three
        /// for an SSLv2 cipher kind), else by its registry name.
        static func suite(_ suite: AnyJSON, sslv2: Bool) throws(BOMAlgorithm.Failure) -> DeclaredSuite {
            let name = suite["name"]?.string
            if case .array(let identifiers)? = suite["identifiers"], !identifiers.isEmpty {
                var bytes: [UInt32] = []
                for identifier in identifiers {
                    guard let text = identifier.string, let value = HexCode.parse(text) else {
                        throw BOMAlgorithm.Failure(code: .bomMalformedAsset, reason: "a cipher suite identifier is not hexadecimal")
                    }
                    bytes.append(UInt32(value))
                }
                let code: UInt32 =
                    bytes.count == 1 ? bytes[0] : bytes.reduce(0) { $0 << 8 | ($1 & 0xFF) }
                if sslv2 {
                    let kind = SSLv2CipherKind(code)
                    guard kind.info != nil else {
                        throw BOMAlgorithm.Failure(
                            code: .bomUnknownAlgorithm, reason: "the SSLv2 cipher kind \(kind.hex) is not in the registry")
                    }
                    return .kind(kind)
                }
                guard code <= 0xFFFF, CipherSuite(UInt16(code)).info != nil else {
                    throw BOMAlgorithm.Failure(
                        code: .bomUnknownAlgorithm,
                        reason: "the cipher suite \(HexCode.format(code, digits: 4))\(name.map { " (\($0))" } ?? "") is not in the registry"
                    )
                }
                return .suite(CipherSuite(UInt16(code)))
            }
            guard let name else {
                throw BOMAlgorithm.Failure(code: .bomMalformedAsset, reason: "a cipher suite has neither identifiers nor a name")
            }
            if sslv2, let kind = SSLv2CipherKindRegistry.all.first(where: { $0.name == name || $0.opensslName == name }) {
                return .kind(SSLv2CipherKind(kind.code))
            }
            guard let suite = CipherSuite(name: name), suite.info != nil else {
                throw BOMAlgorithm.Failure(code: .bomUnknownAlgorithm, reason: "the cipher suite '\(name)' is not in the registry")
            }
            return .suite(suite)
        }
    }
}
