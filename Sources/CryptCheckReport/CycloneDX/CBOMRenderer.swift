import CryptCheckModel
import CryptCheckPolicy

/// A CycloneDX 1.6 cryptography bill of materials: cryptographic-asset components for the
/// algorithms, certificates, keys and protocols observed (files as `file` components with their
/// hashes), each algorithm carrying its list status, and the dependency graph between them
/// (system → protocols and files → certificates and keys → algorithms).
public enum CBOMRenderer {
    public static func render(_ report: Report) -> String {
        var bom = CBOMBuilder(report)
        bom.addEndpoints()
        bom.addFiles()
        return bom.document()
    }
}

/// Collects components once each (by bom-ref) and the edges between them.
struct CBOMBuilder {
    let report: Report
    private var components: [String: JSONValue] = [:]
    private var order: [String] = []
    private var edges: [String: [String]] = [:]
    private var locations: [String: [String]] = [:]
    /// The worst status each primitive got, per list, over all findings.
    private let statusByPrimitive: [String: [String: ListStatus]]

    init(_ report: Report) {
        self.report = report
        var statuses: [String: [String: ListStatus]] = [:]
        for finding in report.findings {
            for judged in finding.primitives {
                let current = statuses[finding.list]?[judged.primitive.rawValue]
                if current == nil || judged.status > current! { statuses[finding.list, default: [:]][judged.primitive.rawValue] = judged.status }
            }
        }
        statusByPrimitive = statuses
    }

    // MARK: graph

    private mutating func add(_ ref: String, _ component: @autoclosure () -> JSONValue) {
        guard components[ref] == nil else { return }
        components[ref] = component()
        order.append(ref)
    }

    private mutating func link(_ from: String, _ to: String) {
        if !(edges[from]?.contains(to) ?? false) { edges[from, default: []].append(to) }
    }

    /// An algorithm asset; `primitives` are the list primitives it is judged by.
    @discardableResult
    private mutating func algorithm(_ name: String, primitive: String, parameter: String? = nil, curve: String? = nil,
                                    mode: String? = nil, padding: String? = nil, functions: [String], strength: Int? = nil,
                                    oid: String? = nil, judgedBy primitives: [String]) -> String {
        let ref = "crypto/algorithm/" + name.lowercased()
        var properties: [JSONValue] = []
        for list in report.lists where list.kind == "ciphers-list" {
            let statuses = primitives.compactMap { statusByPrimitive[list.revision]?[$0] }
            if let worst = statuses.max() {
                properties.append(["name": .string("cryptcheck:listStatus:\(list.revision)"), "value": .string(worst.rawValue)])
            }
        }
        if !primitives.isEmpty { properties.append(["name": "cryptcheck:primitives", "value": .string(primitives.joined(separator: ","))]) }
        add(ref, .object(dropping: [
            ("type", "cryptographic-asset"), ("bom-ref", .string(ref)), ("name", .string(name)),
            ("cryptoProperties", .object(dropping: [
                ("assetType", "algorithm"),
                ("algorithmProperties", .object(dropping: [
                    ("primitive", .string(primitive)),
                    ("parameterSetIdentifier", parameter.map(JSONValue.string)),
                    ("curve", curve.map(JSONValue.string)),
                    ("mode", mode.map(JSONValue.string)),
                    ("padding", padding.map(JSONValue.string)),
                    ("cryptoFunctions", .array(functions.map(JSONValue.string))),
                    ("classicalSecurityLevel", strength.map(JSONValue.int)),
                ])),
                ("oid", oid.map(JSONValue.string)),
            ])),
            ("properties", properties.isEmpty ? nil : .array(properties)),
        ]))
        return ref
    }

    // MARK: TLS endpoints

    mutating func addEndpoints() {
        for endpoint in report.evidence.endpoints {
            let certificates = report.evidence.certificates.filter { $0.location.hasPrefix(endpoint.endpoint + " ") }
            let certificateRefs = certificates.map { certificate($0) }
            let groupRefs = endpoint.groups.flatMap { groupAlgorithms($0.code) }
            for version in endpoint.versions where version.status == "yes" {
                let ref = "crypto/protocol/\(endpoint.endpoint)/\(version.version)"
                let suites = endpoint.suites.first { $0.version == version.version }?.suites ?? []
                var suiteObjects: [JSONValue] = []
                var algorithmRefs: [String] = []
                for suite in suites {
                    let refs = suiteAlgorithms(suite.code)
                    algorithmRefs += refs
                    let code = HexCode.parse(suite.code) ?? 0
                    suiteObjects.append(.object(dropping: [
                        ("name", .string(suite.name)),
                        ("algorithms", refs.isEmpty ? nil : .array(refs.map(JSONValue.string))),
                        ("identifiers", [.string(HexCode.format(code >> 8, digits: 2)), .string(HexCode.format(code & 0xFF, digits: 2))]),
                    ]))
                }
                if version.version == ProtocolVersion.sslv2.name {
                    for kind in endpoint.sslv2CipherKinds {
                        suiteObjects.append(["name": .string(kind.name), "identifiers": [.string(kind.code)]])
                    }
                }
                let schemeRefs = endpoint.signatureSchemes.filter { $0.version == version.version }
                    .flatMap(\.schemes).compactMap { schemeAlgorithm($0.code, version: ProtocolVersion(name: version.version) ?? .tlsv1_2) }
                let refs = orderedUnique(algorithmRefs + groupRefs + schemeRefs + certificateRefs)
                let number = version.version.replacingOccurrences(of: "TLSv", with: "").replacingOccurrences(of: "SSLv", with: "")
                add(ref, .object(dropping: [
                    ("type", "cryptographic-asset"), ("bom-ref", .string(ref)), ("name", .string("\(version.version) at \(endpoint.endpoint)")),
                    ("cryptoProperties", .object(dropping: [
                        ("assetType", "protocol"),
                        ("protocolProperties", .object(dropping: [
                            ("type", version.version.hasPrefix("SSL") ? "other" : "tls"),
                            ("version", .string(number)),
                            ("cipherSuites", suiteObjects.isEmpty ? nil : .array(suiteObjects)),
                            ("cryptoRefArray", refs.isEmpty ? nil : .array(refs.map(JSONValue.string))),
                        ])),
                    ])),
                    ("properties", .array([["name": "cryptcheck:endpoint", "value": .string(endpoint.endpoint)]]
                        + (endpoint.address.map { [["name": "cryptcheck:address", "value": .string($0)]] } ?? []))),
                ]))
                link("system", ref)
                for target in refs { link(ref, target) }
            }
        }
    }

    private mutating func suiteAlgorithms(_ code: String) -> [String] {
        guard let value = HexCode.parse(code), value <= 0xFFFF, let info = CipherSuite(UInt16(value)).info else { return [] }
        var refs: [String] = []
        switch info.keyExchange {
        case .ecdhe, .ecdh, .ecdhAnon: refs.append(algorithm("ECDH", primitive: "key-agree", functions: ["keygen"], judgedBy: ["ecdh"]))
        case .dhe, .dh, .dhAnon: refs.append(algorithm("DH", primitive: "key-agree", functions: ["keygen"], judgedBy: ["dh"]))
        case .rsa: refs.append(algorithm("RSAES-PKCS1-v1_5", primitive: "pke", padding: "pkcs1v15", functions: ["encrypt", "decrypt"],
                                         judgedBy: ["rsaes-pkcs1-v1_5"]))
        default: break
        }
        switch info.authentication {
        case .rsa where info.keyExchange != .rsa:
            refs.append(algorithm("RSASSA-PKCS1-v1_5", primitive: "signature", padding: "pkcs1v15", functions: ["sign", "verify"],
                                  judgedBy: ["rsassa-pkcs1-v1_5"]))
        case .ecdsa: refs.append(algorithm("ECDSA", primitive: "signature", functions: ["sign", "verify"], judgedBy: ["ecdsa"]))
        case .dsa: refs.append(algorithm("DSA", primitive: "signature", functions: ["sign", "verify"], judgedBy: ["dsa"]))
        default: break
        }
        if let cipher = info.cipher {
            let name = cipher.algorithm.rawValue.uppercased()
            let mode = info.mode?.primitive.rawValue
            let listed = ["cbc", "ecb", "ccm", "gcm", "cfb", "ofb", "ctr"]
            let primitive = info.isAEAD ? "ae" : (["rc4", "chacha20"].contains(cipher.algorithm.rawValue) ? "stream-cipher" : "block-cipher")
            let full = [name, String(cipher.keyBits), mode?.uppercased()].compactMap { $0 }.joined(separator: "-")
            refs.append(algorithm(full, primitive: primitive, parameter: String(cipher.keyBits),
                                  mode: mode.map { listed.contains($0) ? $0 : "other" }, functions: ["encrypt", "decrypt"],
                                  strength: cipher.strengthBits, judgedBy: [cipher.algorithm.rawValue] + (mode.map { [$0] } ?? [])))
        }
        if let mac = info.mac, mac.primitive.rawValue != "poly1305", let hash = mac.hash {
            refs.append(algorithm("HMAC-\(hash.rawValue.uppercased())", primitive: "mac", functions: ["tag"],
                                  judgedBy: [mac.primitive.rawValue, hash.rawValue]))
        }
        return refs
    }

    private mutating func groupAlgorithms(_ code: String) -> [String] {
        guard let value = HexCode.parse(code), value <= 0xFFFF, let info = NamedGroup(UInt16(value)).info else { return [] }
        var refs: [String] = []
        if let curve = info.curve {
            let bits = EllipticCurve.named(curve)?.orderBits
            refs.append(algorithm("ECDH-\(curve)", primitive: "key-agree", parameter: bits.map(String.init), curve: curve,
                                  functions: ["keygen"], judgedBy: ["ecdh"]))
        }
        if let bits = info.ffdheBits {
            refs.append(algorithm("FFDHE-\(bits)", primitive: "key-agree", parameter: String(bits), functions: ["keygen"], judgedBy: ["dh"]))
        }
        if let kem = info.kem {
            refs.append(algorithm(kem.rawValue.uppercased(), primitive: "kem", functions: ["encapsulate", "decapsulate"], judgedBy: [kem.rawValue]))
        }
        return refs
    }

    /// A signature scheme as `version` defines it (only TLS 1.3 ECDSA schemes fix a curve).
    private mutating func schemeAlgorithm(_ code: String, version: ProtocolVersion) -> String? {
        guard let value = HexCode.parse(code), value <= 0xFFFF else { return nil }
        let scheme = SignatureScheme(UInt16(value))
        guard let info = scheme.info else { return nil }
        return algorithm(scheme.name(in: version), primitive: "signature", curve: scheme.curve(in: version), functions: ["sign", "verify"],
                         judgedBy: info.components.map(\.rawValue) + (info.hash.map { [$0.rawValue] } ?? []))
    }

    // MARK: certificates and keys

    private mutating func certificate(_ certificate: CertificateEvidence) -> String {
        let ref = "crypto/certificate/" + certificate.sha256
        locations[ref, default: []].append(certificate.location)
        let keyRef = key(certificate.publicKey, type: "public-key", owner: ref, format: "X.509 SubjectPublicKeyInfo", protection: [])
        let signatureRef = algorithm(certificate.signature, primitive: "signature", functions: ["sign", "verify"],
                                     oid: certificate.signatureOID, judgedBy: certificate.signatureHash.map { [$0] } ?? [])
        add(ref, .object(dropping: [
            ("type", "cryptographic-asset"), ("bom-ref", .string(ref)), ("name", .string(certificate.subject)),
            ("cryptoProperties", ["assetType": "certificate", "certificateProperties": [
                "subjectName": .string(certificate.subject), "issuerName": .string(certificate.issuer),
                "notValidBefore": .string(certificate.notBefore), "notValidAfter": .string(certificate.notAfter),
                "signatureAlgorithmRef": .string(signatureRef), "subjectPublicKeyRef": .string(keyRef),
                "certificateFormat": "X.509",
            ]]),
            ("properties", [["name": "cryptcheck:sha256", "value": .string(certificate.sha256)]]),
        ]))
        link(ref, keyRef)
        link(ref, signatureRef)
        return ref
    }

    /// A key as related crypto material (size and algorithm, never the value).
    private mutating func key(_ facts: KeyFacts, type: String, owner: String, format: String, protection: [ProtectionAlgorithm]) -> String {
        let ref = "crypto/key/" + owner.split(separator: "/").last.map(String.init)! + (type == "public-key" ? "" : "/\(type)")
        let primitive: String = switch facts.algorithm {
        case .x25519, .x448, .dh: "key-agree"
        case .mlKEM: "kem"
        default: "signature"
        }
        let judged: [String] = switch facts.algorithm {
        case .rsa, .rsaPSS: ["rsa"]
        case .ec: ["ecdsa"]
        case .ed25519, .ed448: ["eddsa"]
        default: [facts.algorithm.rawValue]
        }
        let algorithmRef = algorithm(facts.summary.replacingOccurrences(of: " ", with: "-"), primitive: primitive,
                                     parameter: facts.bits.map(String.init), curve: facts.curve, functions: ["sign", "verify"],
                                     oid: facts.oid, judgedBy: judged)
        let protectionRefs = protection.map { item in
            algorithm(protectionName(item), primitive: protectionPrimitive(item.role), parameter: item.keyBits.map(String.init),
                      functions: item.role == "kdf" ? ["keyderive"] : ["encrypt", "decrypt"], oid: item.identifier.flatMap { $0.first?.isNumber == true ? $0 : nil },
                      judgedBy: [item.primitive.rawValue] + (item.hash.map { [$0.rawValue] } ?? []))
        }
        add(ref, .object(dropping: [
            ("type", "cryptographic-asset"), ("bom-ref", .string(ref)), ("name", .string("\(facts.summary) \(type)")),
            ("cryptoProperties", ["assetType": "related-crypto-material", "relatedCryptoMaterialProperties": .object(dropping: [
                ("type", .string(type)), ("algorithmRef", .string(algorithmRef)), ("size", facts.bits.map(JSONValue.int)),
                ("format", .string(format)),
                ("securedBy", type == "private-key" ? .object(dropping: [
                    ("mechanism", .string(protection.isEmpty ? "None" : "Software")),
                    ("algorithmRef", protectionRefs.first { _ in true }.map(JSONValue.string)),
                ]) : nil),
            ])]),
        ]))
        link(ref, algorithmRef)
        for protectionRef in protectionRefs { link(ref, protectionRef) }
        return ref
    }

    private func protectionName(_ item: ProtectionAlgorithm) -> String {
        [item.primitive.rawValue.uppercased(), item.keyBits.map(String.init), item.hash.map { $0.rawValue.uppercased() }]
            .compactMap { $0 }.joined(separator: "-")
    }

    private func protectionPrimitive(_ role: String) -> String {
        switch role {
        case "kdf", "prf": "kdf"
        case "mac": "mac"
        case "cipher": "block-cipher"
        default: "other"
        }
    }

    // MARK: files

    mutating func addFiles() {
        let certificatesByLocation = Dictionary(report.evidence.certificates.map { ($0.location, $0) },
                                                uniquingKeysWith: { first, _ in first })
        for file in report.evidence.files {
            let ref = "file/" + file.path
            var contained: [String] = []
            for item in file.items {
                if let fingerprint = item.certificate,
                   let evidence = certificatesByLocation["\(file.path)#\(item.position)"], evidence.sha256 == fingerprint {
                    contained.append(certificate(evidence))
                } else if let facts = item.key {
                    let type = item.kind.contains("private") ? "private-key" : "public-key"
                    contained.append(key(facts, type: type, owner: "\(file.path)#\(item.position)", format: item.format, protection: item.protection))
                }
            }
            add(ref, .object(dropping: [
                ("type", "file"), ("bom-ref", .string(ref)), ("name", .string(file.path)),
                ("hashes", file.sha256.map { [["alg": "SHA-256", "content": .string($0)]] }),
            ]))
            link("system", ref)
            for target in contained { link(ref, target) }
        }
    }

    // MARK: document

    func document() -> String {
        let hex = (report.dataDigest ?? "").replacingOccurrences(of: "sha256:", with: "")
        let padded = Array((hex + String(repeating: "0", count: 32)).prefix(32))
        // A name-based UUID (RFC 9562 version 8) from the report digest: the same report gives
        // the same serial number.
        var uuid = padded
        uuid[12] = "8"
        uuid[16] = ["8", "9", "a", "b"][Int(String(uuid[16]), radix: 16).map { $0 & 3 } ?? 0]
        let text = String(uuid)
        let serial = "urn:uuid:" + [text.prefix(8), text.dropFirst(8).prefix(4), text.dropFirst(12).prefix(4),
                                    text.dropFirst(16).prefix(4), text.dropFirst(20)].map(String.init).joined(separator: "-")
        var componentValues = order.map { components[$0]! }
        // Where each certificate was seen, added last so all sightings are listed.
        componentValues = componentValues.map { component in
            guard case .object(var members) = component,
                  let ref = members.first(where: { $0.0 == "bom-ref" }).flatMap({ if case .string(let value) = $0.1 { value } else { nil } }),
                  let seen = locations[ref] else { return component }
            let properties = orderedUnique(seen).map { JSONValue.object([("name", "cryptcheck:location"), ("value", .string($0))]) }
            if let index = members.firstIndex(where: { $0.0 == "properties" }), case .array(let existing) = members[index].1 {
                members[index].1 = .array(existing + properties)
            } else {
                members.append(("properties", .array(properties)))
            }
            return .object(members)
        }
        let graph: [JSONValue] = (["system"] + order).map { ref in
            .object(dropping: [("ref", .string(ref)), ("dependsOn", .array((edges[ref] ?? []).map(JSONValue.string)))])
        }
        let system = report.system
        let document: JSONValue = .object(dropping: [
            ("bomFormat", "CycloneDX"), ("specVersion", "1.6"), ("serialNumber", .string(serial)), ("version", 1),
            ("metadata", .object(dropping: [
                ("timestamp", .string(report.generatedAt)),
                ("tools", ["components": [["type": "application", "name": .string(report.tool.name), "version": .string(report.tool.version)]]]),
                ("component", .object(dropping: [
                    ("type", "application"), ("bom-ref", "system"), ("name", .string(system.name ?? "scanned system")),
                    ("description", system.reference.map { .string("procurement reference \($0)") }),
                ])),
                ("properties", .array([
                    ["name": "cryptcheck:asOf", "value": .string(report.asOf)],
                    ["name": "cryptcheck:overallVerdict", "value": .string(report.verdict.status.rawValue)],
                ] + report.lists.map { ["name": "cryptcheck:list", "value": .string($0.revision)] }
                  + (report.dataDigest.map { [["name": "cryptcheck:dataDigest", "value": .string($0)]] } ?? []))),
            ])),
            ("components", .array(componentValues)),
            ("dependencies", .array(graph)),
        ])
        return document.rendered()
    }
}
