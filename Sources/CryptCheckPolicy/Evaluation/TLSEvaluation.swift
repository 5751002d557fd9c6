import CryptCheckModel

extension Judge {
    /// Every finding for one TLS endpoint.
    func endpointFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        let subject = endpoint.endpoint
        var findings: [Finding] = []
        if endpoint.versions.isEmpty {
            findings.append(indeterminate(subject: subject, component: "protocol-version", item: "protocol versions",
                                          reason: "no protocol version was observed"))
        }
        for support in endpoint.versions {
            switch support.status {
            case .yes: findings.append(versionFinding(support.version, subject: subject))
            case .no: break
            case .failed(let reason):
                findings.append(indeterminate(subject: subject, component: "protocol-version", item: support.version.name,
                                              reason: "the probe failed: \(reason)"))
            }
        }
        let accepted = endpoint.versions.filter { $0.status == .yes }.map(\.version)
        for version in accepted {
            guard let enumeration = endpoint.cipherSuites.first(where: { $0.version == version }) else {
                findings.append(indeterminate(subject: subject, component: "cipher-suite", item: "cipher suites",
                                              context: version.name, reason: "the suites accepted under \(version.name) were not enumerated"))
                continue
            }
            for suite in enumeration.accepted {
                findings.append(suiteFinding(suite, version: version, subject: subject))
            }
            if !enumeration.complete {
                findings.append(indeterminate(subject: subject, component: "cipher-suite", item: "cipher suites",
                                              context: version.name, reason: "suite enumeration under \(version.name) is incomplete"))
            }
        }
        findings += groupFindings(endpoint, accepted: accepted, subject: subject)
        for parameters in endpoint.dhParameters {
            let item = "DH \(parameters.primeBits)-bit" + (parameters.knownGroup.map { " (\($0))" } ?? " (group not identified)")
            findings.append(finding(subject: subject, component: "dh-parameters", item: item, context: nil,
                                    primitives: [primitive("dh", role: "key exchange")],
                                    strength: strength(.ffc, size: parameters.primeBits),
                                    remediationHint: "Use a DH group of at least 2048 bits (ffdhe2048 or larger; 3072 from 2031), or prefer ECDHE."))
        }
        if let schemes = endpoint.signatureSchemes {
            for scheme in schemes.accepted { findings.append(schemeFinding(scheme, subject: subject)) }
            if !schemes.complete {
                findings.append(indeterminate(subject: subject, component: "signature-scheme", item: "signature schemes",
                                              reason: "signature scheme enumeration is incomplete"))
            }
        } else if !accepted.isEmpty {
            findings.append(indeterminate(subject: subject, component: "signature-scheme", item: "signature schemes",
                                          reason: "signature schemes were not observed"))
        }
        if endpoint.certificateChains.isEmpty && !accepted.isEmpty {
            findings.append(indeterminate(subject: subject, component: "certificate", item: "certificate chain",
                                          reason: "no certificate chain was observed"))
        }
        for (chainIndex, chain) in endpoint.certificateChains.enumerated() {
            findings += trustFindings(chain, subject: subject, context: "chain \(chainIndex + 1)")
            for (index, certificate) in chain.certificates.enumerated() {
                let context = "chain \(chainIndex + 1) certificate \(index + 1)" + (index == 0 ? " (leaf)" : "")
                findings += certificateFindings(certificate, subject: subject, context: context, isLeaf: index == 0)
            }
        }
        for failure in endpoint.failures {
            findings.append(indeterminate(subject: subject, component: "probe", item: "probe", reason: failure))
        }
        return findings
    }

    /// A protocol version, judged by the target GL-3001 profile.
    func versionFinding(_ version: ProtocolVersion, subject: String) -> Finding {
        guard let guideline = policy.guideline, let profile = guideline.profile(policy.targetProfile) else {
            return Finding(subject: subject, component: "protocol-version", item: version.name, list: policy.list.header.revision,
                           listStatus: .notApplicable, verdict: .notApplicable, severity: .info, evidence: .confirmed,
                           derived: false, message: "no TLS guideline selected; the ciphers list does not cover protocol versions")
        }
        let rule = profile.rules.first { if case .versionsAllowed = $0.kind { true } else { false } }
        let citation = Citation(listID: guideline.header.id, revision: guideline.header.revision,
                                category: "profile:\(profile.id)", notes: rule.map { [$0.note] } ?? [],
                                evidence: rule?.evidence ?? guideline.header.evidence, derived: rule?.derived ?? false,
                                source: guideline.header.source)
        let allowed = profile.allowedVersions.contains(version)
        let allowedAnywhere = guideline.profiles.contains { $0.allowedVersions.contains(version) }
        let severity: Severity = allowed ? .info : (allowedAnywhere ? .medium : (version <= .sslv3 ? .critical : .high))
        let message = allowed
            ? "allowed by the \(profile.name) profile"
            : allowedAnywhere
                ? "not allowed by the \(profile.name) profile (only by: \(guideline.profiles.filter { $0.allowedVersions.contains(version) }.map(\.name).joined(separator: ", ")))"
                : "prohibited by every \(guideline.header.revision) profile"
        return Finding(subject: subject, component: "protocol-version", item: version.name,
                       list: policy.list.header.revision, listStatus: .notApplicable, basis: citation,
                       verdict: allowed ? .pass : .violation, severity: severity, evidence: citation.evidence,
                       derived: citation.derived, message: message,
                       remediation: allowed ? nil : "Disable \(version.name); enable TLS 1.3 and TLS 1.2 only.")
    }

    private func groupFindings(_ endpoint: TLSEndpointObservation, accepted: [ProtocolVersion], subject: String) -> [Finding] {
        guard let groups = endpoint.groups else {
            let needsGroups = accepted.contains(.tlsv1_3) || endpoint.cipherSuites.contains {
                $0.accepted.contains { $0.info?.keyExchange == .ecdhe || $0.info?.keyExchange == .dhe }
            }
            return needsGroups ? [indeterminate(subject: subject, component: "group", item: "key-exchange groups",
                                                reason: "key-exchange groups were not observed")] : []
        }
        var findings = groups.accepted.map { groupFinding($0, subject: subject) }
        if !groups.complete {
            findings.append(indeterminate(subject: subject, component: "group", item: "key-exchange groups",
                                          reason: "group enumeration is incomplete"))
        }
        return findings
    }

    /// A key-exchange group: its curve or field size, and its KEM for hybrids.
    func groupFinding(_ group: NamedGroup, subject: String) -> Finding {
        let item = "\(group.name) (\(group.hex))"
        guard let info = group.info else {
            return indeterminate(subject: subject, component: "group", item: item, reason: "the group is not in the registry")
        }
        var primitives: [PrimitiveJudgement] = []
        var strength: StrengthJudgement?
        if let curve = info.curve {
            primitives.append(primitive("ecdh", role: "key exchange", curve: curve))
            if let bits = EllipticCurve.named(curve)?.orderBits { strength = self.strength(.ecc, size: bits, curve: curve) }
        }
        if let bits = info.ffdheBits {
            primitives.append(primitive("dh", role: "key exchange"))
            strength = self.strength(.ffc, size: bits)
        }
        if let kem = info.kem { primitives.append(primitive(kem, role: "KEM")) }
        if info.kind == .explicitCurves { primitives.append(primitive("ecdh", role: "key exchange", curve: "explicit")) }
        return finding(subject: subject, component: "group", item: item, context: nil, primitives: primitives,
                       strength: strength,
                       remediationHint: "Offer only groups on the list: x25519 review pending; secp256r1, secp384r1, ffdhe2048+ (ffdhe3072+ from 2031); X25519MLKEM768 hybrids where supported.")
    }

    /// A signature scheme the server used or accepted.
    func schemeFinding(_ scheme: SignatureScheme, subject: String) -> Finding {
        let item = "\(scheme.name) (\(scheme.hex))"
        guard let info = scheme.info else {
            return indeterminate(subject: subject, component: "signature-scheme", item: item,
                                 reason: "the scheme is not in the registry")
        }
        var primitives = info.components.map { primitive($0, role: "signature", curve: $0 == "ecdsa" ? info.curve : nil) }
        var strength: StrengthJudgement?
        if let hash = info.hash {
            primitives.append(primitive(hash, role: "signature hash"))
            if let bits = HashOutput.bits[hash] { strength = self.strength(.hash, size: bits) }
        }
        return finding(subject: subject, component: "signature-scheme", item: item, context: nil,
                       primitives: primitives, strength: strength,
                       remediationHint: "Disable signature schemes with SHA-1 or off-list algorithms.")
    }

    /// Whether the chain leads to a trusted root and names the host (RFC 5280 path
    /// validation, RFC 6125 name matching): not list facts, but a server that fails them
    /// protects nothing.
    func trustFindings(_ chain: CertificateChain, subject: String, context: String) -> [Finding] {
        var findings: [Finding] = []
        func finding(_ component: String, _ item: String, _ ok: Bool, _ basis: String, _ message: String, _ fix: String) -> Finding {
            let citation = Citation(listID: basis, revision: basis, evidence: .confirmed)
            return Finding(subject: subject, component: component, item: item, context: context, list: policy.list.header.revision,
                           listStatus: .notApplicable, basis: citation, verdict: ok ? .pass : .violation,
                           severity: ok ? .info : .high, evidence: .confirmed, derived: false, message: message,
                           remediation: ok ? nil : fix)
        }
        if let trusted = chain.trusted {
            findings.append(finding("certificate-trust", "chain to a trusted root", trusted, "RFC 5280 6",
                                    trusted ? "the chain verifies to a trusted root" : "not trusted: \(chain.trustFailure ?? "unknown reason")",
                                    "Serve a chain issued by a trusted CA, with every intermediate, in order (or pass the private root with --ca-file)."))
        }
        if let matches = chain.hostnameMatches {
            findings.append(finding("certificate-hostname", "leaf certificate names the host", matches, "RFC 6125",
                                    matches ? "the leaf certificate names the scanned host" : "the leaf certificate does not name the scanned host",
                                    "Issue the certificate for the name clients use (subjectAltName)."))
        }
        return findings
    }
}
