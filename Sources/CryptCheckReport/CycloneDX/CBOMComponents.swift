import CryptCheckModel
import CryptCheckPolicy

/// The observed components of a CBOM: protocols per endpoint and version, certificates, keys
/// (size and algorithm, never the value) and files. Each names its algorithms by the refs the
/// findings about it gave (`linkFindings`), never by a name of its own.
extension CBOMBuilder {
    mutating func addEndpoints() {
        let suiteFindings = Dictionary(grouping: findings.filter { $0.component == .cipherSuite }) {
            CBOMOwners.key($0.subject, $0.context ?? "")
        }
        for endpoint in evidence.endpoints {
            let certificateRefs = orderedUnique(
                evidence.certificates.filter { $0.location.hasPrefix(endpoint.endpoint + " ") }
                    .map { addCertificate($0) })
            for version in endpoint.versions where version.status == "yes" {
                let ref = Self.protocolRef(endpoint.endpoint, version.version)
                let judged = suiteFindings[CBOMOwners.key(endpoint.endpoint, version.version)] ?? []
                var suiteObjects: [JSONValue] = []
                for suite in endpoint.suites.first(where: { $0.version == version.version })?.suites ?? [] {
                    // The suite's finding names it as `NAME (0xCODE)`; its primitives are the suite's algorithms.
                    let refs = orderedUnique(
                        judged.filter { $0.item.hasSuffix("(\(suite.code))") }.flatMap(\.primitives).map(CBOMAlgorithms.ref))
                    let code = HexCode.parse(suite.code) ?? 0
                    suiteObjects.append(
                        .object(dropping: [
                            ("name", .string(suite.name)),
                            ("algorithms", refs.isEmpty ? nil : .array(refs.map(JSONValue.string))),
                            (
                                "identifiers",
                                [.string(HexCode.format(code >> 8, digits: 2)), .string(HexCode.format(code & 0xFF, digits: 2))]
                            ),
                        ]))
                }
                if version.version == ProtocolVersion.sslv2.name {
                    for kind in endpoint.sslv2CipherKinds {
                        suiteObjects.append(["name": .string(kind.name), "identifiers": [.string(kind.code)]])
                    }
                }
                for certificate in certificateRefs { link(ref, certificate) }
                let refs = edges[ref] ?? []
                let number = version.version.replacingOccurrences(of: "TLSv", with: "").replacingOccurrences(of: "SSLv", with: "")
                add(
                    ref,
                    .object(dropping: [
                        ("type", "cryptographic-asset"), ("bom-ref", .string(ref)),
                        ("name", .string("\(version.version) at \(endpoint.endpoint)")),
                        (
                            "cryptoProperties",
                            .object(dropping: [
                                ("assetType", "protocol"),
                                (
                                    "protocolProperties",
                                    .object(dropping: [
                                        ("type", version.version.hasPrefix("SSL") ? "other" : "tls"),
                                        ("version", .string(number)),
                                        ("cipherSuites", suiteObjects.isEmpty ? nil : .array(suiteObjects)),
                                        ("cryptoRefArray", refs.isEmpty ? nil : .array(refs.map(JSONValue.string))),
                                    ])
                                ),
                            ])
                        ),
                        (
                            "properties",
                            .array(
                                [["name": "cryptcheck:endpoint", "value": .string(endpoint.endpoint)]]
                                    + (endpoint.address.map { [["name": "cryptcheck:address", "value": .string($0)]] } ?? [])
                                    + (isDeclared(endpoint.endpoint) ? [Self.declaredProperty] : []))
                        ),
                    ]))
                link("system", ref)
            }
        }
    }

    /// One protocol asset per SSH endpoint whose KEXINIT was read. For other CBOM readers: each
    /// accepted algorithm as a cipher suite by its SSH name (with the refs its finding judged),
    /// the host keys as public-key assets, all refs in `cryptoRefArray`. For `evaluate`: what the
    /// SSH rules judge, as `cryptcheck:ssh:*` properties (`SSHCBOMProperties`): the algorithms
    /// accepted per class, those whose acceptance was not determined and why, the group-exchange
    /// primes and what cut the enumeration short.
    mutating func addSSHEndpoints() {
        for endpoint in evidence.sshEndpoints ?? [] where endpoint.outcome.isObserved {
            let ref = Self.sshProtocolRef(endpoint.subject)
            let judged = findings.filter { $0.subject == endpoint.subject }
            var suites: [JSONValue] = []
            var properties: [JSONValue] = [["name": "cryptcheck:endpoint", "value": .string(endpoint.subject)]]
            properties += endpoint.address.map { [["name": "cryptcheck:address", "value": .string($0)]] } ?? []
            properties += endpoint.identification.map { [["name": "cryptcheck:identification", "value": .string($0)]] } ?? []
            for support in endpoint.algorithms {
                let name = SSHCBOMProperties.name(support.category)
                switch support.accepted {
                case .no: continue
                case .yes:
                    let component = SSHCBOMProperties.component(support.category)
                    let refs = orderedUnique(
                        judged.filter { $0.component == component && $0.item == support.name }.flatMap(\.primitives)
                            .map(CBOMAlgorithms.ref))
                    suites.append(
                        .object(dropping: [
                            ("name", .string(support.name)), ("algorithms", refs.isEmpty ? nil : .array(refs.map(JSONValue.string))),
                        ]))
                    properties.append(["name": .string(name), "value": .string(support.name)])
                    if let evidence = support.evidence {
                        properties.append(["name": .string(name + ":evidence"), "value": .string(support.name + " " + evidence)])
                    }
                case .failed(let reason, let code):
                    properties.append([
                        "name": .string(name + SSHCBOMProperties.undetermined),
                        "value": .string(SSHCBOMProperties.joined(support.name, reason, code)),
                    ])
                }
            }
            for group in endpoint.groupExchange {
                let request = "\(group.keyExchange) \(group.minimum)/\(group.preferred)/\(group.maximum)"
                if let bits = group.primeBits {
                    properties.append(["name": .string(SSHCBOMProperties.groupExchange), "value": .string("\(request) \(bits)")])
                } else if group.failureCode != .sshWireClosed {
                    properties.append([
                        "name": .string(SSHCBOMProperties.groupExchange + SSHCBOMProperties.undetermined),
                        "value": .string(SSHCBOMProperties.joined(request, group.failure ?? "no reason recorded", group.failureCode)),
                    ])
                }
            }
            for (index, failure) in endpoint.failures.enumerated() {
                let code = index < endpoint.failureCodes.count ? endpoint.failureCodes[index] : nil
                properties.append([
                    "name": .string(SSHCBOMProperties.failure), "value": .string(SSHCBOMProperties.joined("-", failure, code)),
                ])
            }
            // Each host key once, named by every host-key algorithm that showed it.
            var keyRefs: [String] = []
            var shown: [String: (facts: SSHHostKeyFacts, key: KeyFacts, algorithms: [String])] = [:]
            for hostKey in endpoint.hostKeys {
                guard
                    endpoint.algorithms.contains(where: { $0.category == .hostKey && $0.name == hostKey.algorithm && $0.accepted == .yes })
                else { continue }
                guard let key = hostKey.key, let fingerprint = hostKey.fingerprint, hostKey.isObserved || endpoint.declared != nil
                else {
                    let reason = hostKey.key == nil ? "" : "the host key's signature over the exchange hash did not verify: "
                    properties.append([
                        "name": .string(SSHCBOMProperties.hostKey + SSHCBOMProperties.undetermined),
                        "value": .string(
                            SSHCBOMProperties.joined(
                                hostKey.algorithm, reason + (hostKey.failure ?? "no reason recorded"), hostKey.failureCode)),
                    ])
                    continue
                }
                let keyRef = Self.sshHostKeyRef(endpoint.subject, fingerprint)
                if shown[keyRef] == nil {
                    keyRefs.append(keyRef)
                    shown[keyRef] = (hostKey, key, [])
                }
                shown[keyRef]?.algorithms.append(hostKey.algorithm)
            }
            var caRefs: [String] = []
            for keyRef in keyRefs {
                guard let (hostKey, key, algorithms) = shown[keyRef] else { continue }
                var extra: [JSONValue] = [["name": "cryptcheck:ssh:fingerprint", "value": .string(hostKey.fingerprint ?? "")]]
                extra += algorithms.map { ["name": .string(SSHCBOMProperties.name(.hostKey)), "value": .string($0)] }
                if let type = hostKey.keyType { extra.append(["name": "cryptcheck:ssh:keyType", "value": .string(type)]) }
                if hostKey.isObserved { extra.append(["name": "cryptcheck:ssh:signatureVerified", "value": "true"]) }
                if let certificate = hostKey.certificate {
                    // What the certificate rules judge: the CA key (an asset of its own), the CA's
                    // signature type and the validity interval.
                    let caRef = Self.sshHostKeyRef(endpoint.subject, certificate.caFingerprint)
                    extra += SSHCBOMProperties.certificateProperties(certificate, caRef: caRef)
                    addKey(
                        certificate.caKey, ref: caRef, type: "public-key", format: "SSH public key", protected: false,
                        declared: isDeclared(endpoint.subject),
                        extra: [
                            ["name": .string(SSHCBOMProperties.fingerprint), "value": .string(certificate.caFingerprint)],
                            ["name": .string(SSHCBOMProperties.certificateAuthority), "value": "true"],
                        ])
                    link(keyRef, caRef)
                    caRefs.append(caRef)
                }
                addKey(
                    key, ref: keyRef, type: "public-key", format: "SSH public key", protected: false,
                    declared: isDeclared(endpoint.subject), extra: extra)
            }
            for keyRef in keyRefs + caRefs { link(ref, keyRef) }
            if isDeclared(endpoint.subject) { properties.append(Self.declaredProperty) }
            let refs = edges[ref] ?? []
            add(
                ref,
                .object(dropping: [
                    ("type", "cryptographic-asset"), ("bom-ref", .string(ref)),
                    ("name", .string("SSH-2.0 at \(endpoint.subject)")),
                    (
                        "cryptoProperties",
                        .object(dropping: [
                            ("assetType", "protocol"),
                            (
                                "protocolProperties",
                                .object(dropping: [
                                    ("type", "ssh"), ("version", "2.0"),
                                    ("cipherSuites", suites.isEmpty ? nil : .array(suites)),
                                    ("cryptoRefArray", refs.isEmpty ? nil : .array(refs.map(JSONValue.string))),
                                ])
                            ),
                        ])
                    ),
                    ("properties", .array(properties)),
                ]))
            link("system", ref)
        }
    }

    @discardableResult
    mutating func addCertificate(_ certificate: CertificateEvidence) -> String {
        let ref = Self.certificateRef(certificate)
        locations[ref, default: []].append(certificate.location)
        let keyRef = Self.keyRef(ofCertificate: ref)
        let declared = isDeclared(certificate.location)
        addKey(
            certificate.publicKey, ref: keyRef, type: "public-key", format: "X.509 SubjectPublicKeyInfo", protected: false,
            declared: declared)
        var properties: [JSONValue] = [
            ["name": "cryptcheck:sha256", "value": .string(certificate.sha256)],
            ["name": "cryptcheck:signatureAlgorithm", "value": .string(certificate.signature)],
            ["name": "cryptcheck:signatureAlgorithmOID", "value": .string(certificate.signatureOID)],
        ]
        // What `evaluate` needs to judge the certificate again from this CBOM as it was judged.
        if let hash = certificate.signatureHash { properties.append(["name": "cryptcheck:signatureHash", "value": .string(hash)]) }
        if certificate.isCA { properties.append(["name": "cryptcheck:isCA", "value": "true"]) }
        if declared { properties.append(Self.declaredProperty) }
        add(
            ref,
            .object(dropping: [
                ("type", "cryptographic-asset"), ("bom-ref", .string(ref)), ("name", .string(certificate.subject)),
                (
                    "cryptoProperties",
                    [
                        "assetType": "certificate",
                        "certificateProperties": .object(dropping: [
                            ("subjectName", .string(certificate.subject)), ("issuerName", .string(certificate.issuer)),
                            ("notValidBefore", .string(certificate.notBefore)), ("notValidAfter", .string(certificate.notAfter)),
                            ("signatureAlgorithmRef", signatureAlgorithm[ref].map(JSONValue.string)),
                            ("subjectPublicKeyRef", .string(keyRef)),
                            ("certificateFormat", "X.509"),
                        ]),
                    ]
                ),
                ("properties", .array(properties)),
            ]))
        link(ref, keyRef)
        return ref
    }

    /// A key as related crypto material: its algorithm is the primitive its finding judged.
    /// `facts` is `nil` for a key whose algorithm was not read (an encrypted key no password
    /// opened): listed all the same, so that a reader of the CBOM knows it is there.
    mutating func addKey(
        _ facts: KeyFacts?, ref: String, type: String, format: String, protected: Bool, declared: Bool, extra: [JSONValue] = []
    ) {
        var properties: [JSONValue] = extra
        if let facts { properties.append(["name": "cryptcheck:key", "value": .string(facts.summary)]) }
        if let curve = facts?.curve { properties.append(["name": "cryptcheck:curve", "value": .string(curve)]) }
        if let oid = facts?.oid { properties.append(["name": "cryptcheck:oid", "value": .string(oid)]) }
        if declared { properties.append(Self.declaredProperty) }
        add(
            ref,
            .object(dropping: [
                ("type", "cryptographic-asset"), ("bom-ref", .string(ref)), ("name", .string("\(facts?.summary ?? "unread key") \(type)")),
                (
                    "cryptoProperties",
                    [
                        "assetType": "related-crypto-material",
                        "relatedCryptoMaterialProperties": .object(dropping: [
                            ("type", .string(type)), ("algorithmRef", keyAlgorithm[ref].map(JSONValue.string)),
                            ("size", facts?.bits.map(JSONValue.int)),
                            ("format", .string(format)),
                            (
                                "securedBy",
                                type == "private-key"
                                    ? .object(dropping: [
                                        ("mechanism", .string(protected ? "Software" : "None")),
                                        ("algorithmRef", protectionAlgorithm[ref].map(JSONValue.string)),
                                    ]) : nil
                            ),
                        ]),
                    ]
                ),
                ("properties", properties.isEmpty ? nil : .array(properties)),
            ]))
    }

    /// Items that always hold one key, whether or not its algorithm was read.
    static let keyKinds: Set<String> = ["private-key", "public-key", "ssh-private-key", "ssh-public-key"]

    mutating func addFiles() {
        let certificatesByLocation = Dictionary(
            evidence.certificates.map { ($0.location, $0) },
            uniquingKeysWith: { first, _ in first })
        for file in evidence.files {
            let ref = Self.fileRef(file.path)
            var contained: [String] = []
            for item in file.items {
                let location = "\(file.path)#\(item.position)"
                if let certificate = certificatesByLocation[location], item.certificate == certificate.sha256 {
                    contained.append(addCertificate(certificate))
                } else if let facts = item.key {
                    let type = item.kind.contains("private") ? "private-key" : "public-key"
                    addKey(
                        facts, ref: Self.keyRef(location), type: type, format: item.format, protected: !item.protection.isEmpty,
                        declared: isDeclared(file.path))
                    contained.append(Self.keyRef(location))
                } else if Self.keyKinds.contains(item.kind) {
                    addKey(
                        nil, ref: Self.keyRef(location), type: item.kind.contains("private") ? "private-key" : "public-key",
                        format: item.format, protected: !item.protection.isEmpty, declared: isDeclared(file.path))
                    contained.append(Self.keyRef(location))
                }
            }
            add(
                ref,
                .object(dropping: [
                    ("type", "file"), ("bom-ref", .string(ref)), ("name", .string(file.path)),
                    ("hashes", file.sha256.map { [["alg": "SHA-256", "content": .string($0)]] }),
                    ("properties", isDeclared(file.path) ? [Self.declaredProperty] : nil),
                ]))
            link("system", ref)
            for target in contained { link(ref, target) }
        }
    }
}
