import CryptCheckModel
import Foundation

/// The SSH protocol assets of a BOM: read as declared SSH endpoints (see `sshEndpoint`).
extension BOMInput.Reader {
    /// An SSH protocol asset as a declared SSH endpoint. What the SSH rules judge comes from
    /// the `cryptcheck:ssh:*` properties cryptcheck writes (`SSHCBOMProperties`); without
    /// them, from the `cipherSuites` names, each placed in every SSH algorithm class whose
    /// registry knows it. Host keys are the public keys `cryptoRefArray` names, never
    /// verified by a signature. What cannot be read is listed as not judged, with its path.
    mutating func sshEndpoint(_ asset: AnyJSON, path: String, source: DeclaredSource) throws(BOMAlgorithm.Failure)
        -> SSHEndpointObservation
    {
        let protocolProperties = asset["cryptoProperties"]?["protocolProperties"]
        let number = protocolProperties?["version"]?.string ?? ""
        guard !number.isEmpty else {
            throw BOMAlgorithm.Failure(code: .bomMalformedAsset, reason: "the ssh protocol asset declares no version")
        }
        guard number == "2" || number == "2.0" else {
            throw BOMAlgorithm.Failure(
                code: .bomUnsupportedAsset, reason: "ssh version '\(number)' is not judged by cryptcheck (SSH 2.0 only)")
        }
        var endpoint = SSHEndpointObservation(host: "", port: 0, outcome: SSHEndpointOutcome(kind: .kexInit))
        endpoint.declared = source
        func notJudged(_ reason: String, _ code: ErrorCode, at here: String) {
            set.unscanned.append(UnscannedTarget(target: source.name, reason: "\(reason) (at \(here))", code: code))
        }
        func accept(_ category: SSHAlgorithmCategory, _ declaredName: String, _ status: ProbeStatus = .yes) {
            // A name from the BOM is its author's free text, escaped as a server's would be.
            let name = EscapedText.terminalSafe(declaredName)
            guard !endpoint.algorithms.contains(where: { $0.category == category && $0.name == name }) else { return }
            endpoint.algorithms.append(SSHAlgorithmSupport(category: category, name: name, accepted: status))
        }
        let written = BOMInput.properties(asset).filter { $0.name?.hasPrefix(SSHCBOMProperties.prefix) == true }
        if !written.isEmpty {
            for (index, name, value) in written {
                let here = "\(path).properties[\(index)]"
                guard let name, let value, !value.isEmpty else {
                    notJudged("the property has no value", .bomMalformedAsset, at: here)
                    continue
                }
                if let category = SSHCBOMProperties.category(name) {
                    accept(category, value)
                } else if name.hasSuffix(SSHCBOMProperties.undetermined) {
                    let stem = String(name.dropLast(SSHCBOMProperties.undetermined.count))
                    guard let (what, reason, code) = SSHCBOMProperties.split(value) else {
                        notJudged("'\(name)' is not 'name<TAB>reason'", .bomMalformedAsset, at: here)
                        continue
                    }
                    if let category = SSHCBOMProperties.category(stem) {
                        accept(category, what, .failed(reason: reason, code: code))
                    } else if stem == SSHCBOMProperties.groupExchange, let group = Self.groupExchange(what) {
                        var facts = group
                        facts.failure = reason
                        facts.failureCode = code
                        endpoint.groupExchange.append(facts)
                    } else if stem == SSHCBOMProperties.hostKey {
                        var hostKey = SSHHostKeyFacts(algorithm: what)
                        hostKey.failure = reason
                        hostKey.failureCode = code
                        endpoint.hostKeys.append(hostKey)
                    } else {
                        notJudged("the property '\(name)' is not known to cryptcheck", .bomUnsupportedAsset, at: here)
                    }
                } else if name.hasSuffix(":evidence"), let category = SSHCBOMProperties.category(String(name.dropLast(9))) {
                    let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
                    guard parts.count == 2,
                        let position = endpoint.algorithms.firstIndex(where: { $0.category == category && $0.name == parts[0] })
                    else {
                        notJudged("'\(name)' names no algorithm declared before it", .bomMalformedAsset, at: here)
                        continue
                    }
                    endpoint.algorithms[position].evidence = parts[1]
                } else if name == SSHCBOMProperties.groupExchange {
                    let parts = value.split(separator: " ").map(String.init)
                    guard parts.count == 3, var group = Self.groupExchange("\(parts[0]) \(parts[1])"), let bits = Int(parts[2]),
                        bits > 0
                    else {
                        notJudged("'\(value)' is not 'method min/preferred/max bits'", .bomMalformedAsset, at: here)
                        continue
                    }
                    group.primeBits = bits
                    endpoint.groupExchange.append(group)
                } else if name == SSHCBOMProperties.failure, let (_, reason, code) = SSHCBOMProperties.split(value) {
                    endpoint.failures.append(reason)
                    endpoint.failureCodes.append(code ?? .bomMalformedAsset)
                } else {
                    notJudged("the property '\(name)' is not known to cryptcheck", .bomUnsupportedAsset, at: here)
                }
            }
        } else {
            guard case .array(let suites)? = protocolProperties?["cipherSuites"] else {
                // Nothing to judge is not a shape error; a cipherSuites of another type is.
                throw BOMAlgorithm.Failure(
                    code: protocolProperties?["cipherSuites"] == nil ? .bomUnsupportedAsset : .bomMalformedAsset,
                    reason: protocolProperties?["cipherSuites"] == nil
                        ? "the ssh protocol asset names no algorithms (neither cipherSuites nor cryptcheck:ssh properties)"
                        : "cipherSuites is not an array")
            }
            for (index, suite) in suites.enumerated() {
                let here = "\(path).cryptoProperties.protocolProperties.cipherSuites[\(index)]"
                guard let name = suite["name"]?.string, !name.isEmpty else {
                    notJudged("an SSH cipher suite has no name", .bomMalformedAsset, at: here)
                    continue
                }
                let categories = SSHAlgorithmCategory.allCases.filter { SSHAlgorithmRegistry.lookup(name, in: $0) != nil }
                guard !categories.isEmpty else {
                    notJudged(
                        "the SSH algorithm '\(EscapedText.terminalSafe(name))' is not in the registry", .bomUnknownAlgorithm, at: here)
                    continue
                }
                for category in categories { accept(category, name) }
            }
        }
        // The host keys: public keys the asset refers to.
        if case .array(let refs)? = protocolProperties?["cryptoRefArray"] {
            for ref in refs.compactMap(\.string) {
                guard let (keyPath, key) = byRef[ref],
                    key["cryptoProperties"]?["assetType"]?.string == "related-crypto-material",
                    key["cryptoProperties"]?["relatedCryptoMaterialProperties"]?["type"]?.string == "public-key"
                else { continue }
                // A CA's key is judged through the host certificate that names it.
                if BOMInput.property(key, SSHCBOMProperties.certificateAuthority) == "true" { continue }
                let algorithms = BOMInput.properties(key).filter { $0.name == SSHCBOMProperties.name(.hostKey) }
                    .compactMap(\.value)
                guard !algorithms.isEmpty else {
                    notJudged(
                        "the host key names no SSH host-key algorithm (\(SSHCBOMProperties.name(.hostKey))); not judged",
                        .bomMalformedAsset, at: keyPath)
                    continue
                }
                let facts = try keyFacts(key, optional: true)
                var certificate: SSHCertificateFacts?
                if BOMInput.property(key, SSHCBOMProperties.certificate) != nil {
                    do throws(BOMAlgorithm.Failure) {
                        certificate = try hostCertificate(key)
                    } catch {
                        notJudged("the host certificate: \(error.reason); not judged", error.code, at: keyPath)
                        continue
                    }
                }
                for algorithm in algorithms {
                    accept(.hostKey, algorithm)
                    var hostKey = SSHHostKeyFacts(algorithm: algorithm)
                    hostKey.key = facts
                    hostKey.keyType = BOMInput.property(key, "cryptcheck:ssh:keyType")
                    hostKey.fingerprint = BOMInput.property(key, SSHCBOMProperties.fingerprint) ?? ref
                    hostKey.certificate = certificate
                    if facts == nil { hostKey.failure = "the key's algorithm is not declared" }
                    endpoint.hostKeys.append(hostKey)
                }
            }
        }
        return endpoint
    }

    /// A host certificate from the `cryptcheck:ssh:certificate*` properties of its key: the
    /// CA key, the signature type and the validity, all needed; no key ID or principals.
    private func hostCertificate(_ key: AnyJSON) throws(BOMAlgorithm.Failure) -> SSHCertificateFacts {
        func value(_ suffix: String) throws(BOMAlgorithm.Failure) -> String {
            guard let value = BOMInput.property(key, SSHCBOMProperties.certificate + suffix), !value.isEmpty else {
                throw BOMAlgorithm.Failure(
                    code: .bomMalformedAsset, reason: "\(SSHCBOMProperties.certificate + suffix) is not declared")
            }
            return EscapedText.terminalSafe(value)
        }
        func instant(_ suffix: String, unbounded: String) throws(BOMAlgorithm.Failure) -> Date? {
            let text = try value(suffix)
            if text == unbounded { return nil }
            guard let date = BOMInput.date(text) else {
                throw BOMAlgorithm.Failure(
                    code: .bomMalformedAsset,
                    reason: "\(SSHCBOMProperties.certificate + suffix) '\(text)' is neither a date-time nor '\(unbounded)'")
            }
            return date
        }
        let caRef = try value(":caKey")
        let ca = try component(caRef, for: SSHCBOMProperties.certificate + ":caKey")
        guard let caKey = try keyFacts(ca) else {
            throw BOMAlgorithm.Failure(code: .bomMalformedAsset, reason: "the CA key '\(caRef)' names no key algorithm")
        }
        let name = try value(":signature")
        let scheme = BOMInput.property(key, SSHCBOMProperties.certificate + ":signatureScheme").map(Primitive.init(rawValue:))
        let hash = BOMInput.property(key, SSHCBOMProperties.certificate + ":signatureHash").map(Primitive.init(rawValue:))
        return SSHCertificateFacts(
            certificateType: try value(""), role: try value(":role"), serial: 0, keyID: "", principals: [], principalCount: 0,
            validAfter: try instant(":validAfter", unbounded: "always"), validBefore: try instant(":validBefore", unbounded: "forever"),
            criticalOptions: [], extensions: [], caKey: caKey,
            caFingerprint: BOMInput.property(ca, SSHCBOMProperties.fingerprint) ?? caRef,
            signature: SignatureAlgorithmFacts(oid: name, name: name, scheme: scheme, hash: hash))
    }

    /// `method min/preferred/max` as a group-exchange request.
    static func groupExchange(_ text: String) -> SSHGroupExchangeFacts? {
        let parts = text.split(separator: " ").map(String.init)
        guard parts.count == 2, parts[0].hasPrefix("diffie-hellman-group-exchange") else { return nil }
        let sizes = parts[1].split(separator: "/").compactMap { Int($0) }
        guard sizes.count == 3 else { return nil }
        return SSHGroupExchangeFacts(keyExchange: parts[0], minimum: sizes[0], preferred: sizes[1], maximum: sizes[2])
    }
}
