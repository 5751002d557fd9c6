import CryptCheckModel

extension Judge {
    /// Every finding for one TLS endpoint.
    func endpointFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        let subject = endpoint.endpoint
        if let outcome = endpoint.noHandshakeOutcome { return [noHandshakeFinding(outcome, subject: subject)] }
        var findings: [Finding] = []
        if endpoint.versions.isEmpty {
            findings.append(
                indeterminate(
                    subject: subject, component: "protocol-version", item: "protocol versions",
                    reason: "no protocol version was observed"))
        }
        for support in endpoint.versions {
            switch support.status {
            case .yes: findings.append(versionFinding(support.version, subject: subject))
            case .no: break
            case .failed(let reason, let code):
                findings.append(
                    indeterminate(
                        subject: subject, component: "protocol-version", item: support.version.name,
                        reason: "the probe failed: \(reason)", errorCode: code))
            }
        }
        // Every version the scanner probes must have an answer; one missing was not observed.
        for version in [ProtocolVersion.sslv2, .sslv3, .tlsv1_0, .tlsv1_1, .tlsv1_2, .tlsv1_3]
        where !endpoint.versions.isEmpty && !endpoint.versions.contains(where: { $0.version == version }) {
            findings.append(
                indeterminate(
                    subject: subject, component: "protocol-version", item: version.name,
                    reason: "\(version.name) was not probed"))
        }
        let accepted = endpoint.versions.filter { $0.status == .yes }.map(\.version)
        for kind in endpoint.sslv2CipherKinds {
            findings.append(sslv2KindFinding(kind, subject: subject))
        }
        for version in accepted where version != .sslv2 {
            guard let enumeration = endpoint.cipherSuites.first(where: { $0.version == version }) else {
                findings.append(
                    indeterminate(
                        subject: subject, component: "cipher-suite", item: "cipher suites",
                        context: version.name, reason: "the suites accepted under \(version.name) were not enumerated"))
                continue
            }
            if enumeration.accepted.count >= 2 {
                findings.append(preferenceFinding(enumeration, subject: subject))
            }
            for suite in enumeration.accepted {
                findings.append(suiteFinding(suite, version: version, subject: subject))
            }
            if !enumeration.complete {
                findings.append(
                    indeterminate(
                        subject: subject, component: "cipher-suite", item: "cipher suites",
                        context: version.name,
                        reason: "suite enumeration under \(version.name) is incomplete"
                            + (enumeration.failure.map { ": \($0)" } ?? ""), errorCode: enumeration.failureCode))
            }
        }
        findings += groupFindings(endpoint, accepted: accepted, subject: subject)
        for parameters in endpoint.dhParameters {
            let item = "DH \(parameters.primeBits)-bit" + (parameters.knownGroup.map { " (\($0))" } ?? " (group not identified)")
            findings.append(
                finding(
                    subject: subject, component: "dh-parameters", item: item, context: nil,
                    primitives: [primitive("dh", role: "key exchange")],
                    strength: strength(.ffc, size: parameters.primeBits),
                    remediationHint:
                        "Use a DH group of at least \(ffdheFloor) bits (acceptable without migration through the end of operation, \(policy.operationEndText)), or prefer ECDHE."
                ))
        }
        // In TLS 1.2 an ECDSA scheme names no curve: the curve is the certificate key's, and is
        // known for the scheme only when every ECDSA certificate the server sent has the same one.
        // (An unknown curve is left to the certificate's own finding.)
        let ecdsaLeafCurves = Set(
            endpoint.certificateChains.compactMap(\.certificates.first?.publicKey)
                .filter { $0.algorithm == .ec }.map(\.curve))
        let certificateCurve = ecdsaLeafCurves.count == 1 ? ecdsaLeafCurves.first ?? nil : nil
        // Whether the server signs anything with a scheme: always in TLS 1.3; in TLS 1.2 with
        // signed (EC)DHE suites, or when the suites are not known.
        let tls12Suites = endpoint.cipherSuites.first { $0.version == .tlsv1_2 }
        let signsTLS12 =
            accepted.contains(.tlsv1_2)
            && (tls12Suites.map {
                $0.accepted.contains { $0.info?.signsKeyExchange ?? true }
            } ?? true)
        let signsKeyExchange = accepted.contains(.tlsv1_3) || signsTLS12
        for schemes in endpoint.signatureSchemes {
            for scheme in schemes.accepted {
                findings.append(
                    schemeFinding(
                        scheme, version: schemes.version, subject: subject,
                        certificateCurve: certificateCurve))
            }
            let signs = schemes.version >= .tlsv1_3 ? accepted.contains(.tlsv1_3) : signsTLS12
            if schemes.accepted.isEmpty && schemes.complete && signs {
                // Saved by an older scanner: a server that completes handshakes signs with something.
                findings.append(
                    indeterminate(
                        subject: subject, component: "signature-scheme", item: "signature schemes",
                        context: schemes.version.name,
                        reason: "no signature scheme was observed under \(schemes.version.name), though the server signs there"))
            } else if !schemes.complete {
                findings.append(
                    indeterminate(
                        subject: subject, component: "signature-scheme", item: "signature schemes",
                        context: schemes.version.name,
                        reason: "signature scheme enumeration under \(schemes.version.name) is incomplete"))
            }
        }
        // Per version: where the server signs, its schemes must have been observed.
        for (version, signs) in [(ProtocolVersion.tlsv1_3, accepted.contains(.tlsv1_3)), (.tlsv1_2, signsTLS12)]
        where signs && signsKeyExchange && !endpoint.signatureSchemes.contains(where: { $0.version == version }) {
            findings.append(
                indeterminate(
                    subject: subject, component: "signature-scheme", item: "signature schemes",
                    context: version.name,
                    reason: "the signature schemes under \(version.name) were not observed"))
        }
        // A chain is expected under TLS 1.3 and with any suite that uses a certificate (or whose
        // kind is unknown); a server that accepts only anonymous or PSK suites sends none.
        let expectsCertificate =
            accepted.contains(.tlsv1_3) || accepted.contains(.sslv2)
            || endpoint.cipherSuites.contains {
                $0.version < .tlsv1_3 && accepted.contains($0.version) && $0.accepted.contains { $0.info?.usesCertificate ?? true }
            } || accepted.contains { version in version < .tlsv1_3 && !endpoint.cipherSuites.contains { $0.version == version } }
        if endpoint.certificateChains.isEmpty && !accepted.isEmpty {
            if expectsCertificate {
                findings.append(
                    indeterminate(
                        subject: subject, component: "certificate", item: "certificate chain",
                        reason: "no certificate chain was observed"))
            } else {
                findings.append(
                    Finding(
                        subject: subject, component: "certificate", item: "certificate chain",
                        list: policy.list.header.revision, listStatus: .notApplicable, verdict: .notApplicable,
                        severity: .info, evidence: .confirmed, derived: true,
                        message: "no certificate: every suite the server accepts is anonymous or PSK"))
            }
        }
        for (chainIndex, chain) in endpoint.certificateChains.enumerated() {
            let context = "chain \(chainIndex + 1)"
            if chain.certificates.isEmpty {
                findings.append(
                    indeterminate(
                        subject: subject, component: "certificate", item: "certificate chain",
                        context: context, reason: "the chain holds no certificate"))
            }
            if chain.trusted == nil {
                findings.append(
                    indeterminate(
                        subject: subject, component: "certificate-trust", item: "chain to a trusted root",
                        context: context, reason: "whether the chain verifies to a trusted root was not checked"))
            }
            if chain.hostnameMatches == nil {
                findings.append(
                    indeterminate(
                        subject: subject, component: "certificate-hostname", item: "host name",
                        context: context, reason: "whether the certificate names the host was not checked"))
            }
            findings += trustFindings(chain, subject: subject, context: context)
            for (index, certificate) in chain.certificates.enumerated() {
                let context = "chain \(chainIndex + 1) certificate \(index + 1)" + (index == 0 ? " (leaf)" : "")
                findings += certificateFindings(
                    certificate, subject: subject, context: context, isLeaf: index == 0,
                    servedInHandshake: true)
            }
        }
        // Features are facts for the report, not list items; but one whose probe failed was not
        // observed. One with nothing to apply to (not applicable) is neither failed nor unknown.
        for feature in endpoint.features {
            guard case .failed(let reason, let code) = feature.status else { continue }
            findings.append(
                indeterminate(
                    subject: subject, component: "feature", item: feature.feature,
                    reason: "the probe failed: \(reason)", errorCode: code))
        }
        for (index, failure) in endpoint.failures.enumerated() {
            findings.append(
                indeterminate(
                    subject: subject, component: "probe", item: "probe", reason: failure, errorCode: endpoint.failureCode(at: index)))
        }
        return findings
    }

    /// A protocol version, judged by the target GL-3001 profile.
    func versionFinding(_ version: ProtocolVersion, subject: String) -> Finding {
        guard let guideline = policy.guideline, let profile = guideline.profile(policy.targetProfile) else {
            return Finding(
                subject: subject, component: "protocol-version", item: version.name, list: policy.list.header.revision,
                listStatus: .notApplicable, verdict: .notApplicable, severity: .info, evidence: .confirmed,
                derived: false, message: "no TLS guideline selected; the ciphers list does not cover protocol versions")
        }
        let rule = profile.rules.first { if case .versionsAllowed = $0.kind { true } else { false } }
        let citation = Citation(
            listID: guideline.header.id, revision: guideline.header.revision,
            category: "profile:\(profile.id)", notes: rule.map { [$0.note] } ?? [],
            evidence: rule?.evidence ?? guideline.header.evidence, derived: rule?.derived ?? false,
            source: guideline.header.source)
        let allowed = profile.allowedVersions.contains(version)
        let allowedAnywhere = guideline.profiles.contains { $0.allowedVersions.contains(version) }
        let severity: Severity = allowed ? .info : (allowedAnywhere ? .medium : (version <= .sslv3 ? .critical : .high))
        let message =
            allowed
            ? "allowed by the \(profile.name) profile"
            : allowedAnywhere
                ? "not allowed by the \(profile.name) profile (only by: \(guideline.profiles.filter { $0.allowedVersions.contains(version) }.map(\.name).joined(separator: ", ")))"
                : "prohibited by every \(guideline.header.revision) profile"
        return Finding(
            subject: subject, component: "protocol-version", item: version.name,
            list: policy.list.header.revision, listStatus: .notApplicable, basis: citation,
            verdict: allowed ? .pass : .violation, severity: severity, evidence: citation.evidence,
            derived: citation.derived, message: message,
            remediation: allowed ? nil : "Disable \(version.name); enable TLS 1.3 and TLS 1.2 only.")
    }

    /// How the server orders suites: a fact for the report, not a list judgement. With its own
    /// order the server decides which suite a capable client gets; with the client's, the
    /// weakest accepted suite is one client away.
    func preferenceFinding(_ enumeration: SuiteEnumeration, subject: String) -> Finding {
        let message =
            switch enumeration.preference {
            case .server: "the server chooses by its own preference; the suites below are in that order"
            case .client: "the server follows the client's order; the suites below are in registry order"
            case .unknown: "the preference order could not be determined"
            }
        return Finding(
            subject: subject, component: "cipher-suite-order", item: "preference order", context: enumeration.version.name,
            list: policy.list.header.revision, listStatus: .notApplicable,
            verdict: .notApplicable, severity: .info, evidence: .confirmed, derived: false, message: message,
            remediation: enumeration.preference == .client && enumeration.version < .tlsv1_3
                ? "Let the server choose (e.g. ssl_prefer_server_ciphers on, SSLHonorCipherOrder on) with the strongest suites first." : nil
        )
    }

    /// An SSLv2 cipher kind the server offered: SSLv2 itself is prohibited, but each kind is
    /// judged too, so the report shows what the server would actually encrypt with.
    func sslv2KindFinding(_ kind: SSLv2CipherKind, subject: String) -> Finding {
        let item = "\(kind.name) (\(kind.hex))"
        guard let info = kind.info else {
            return indeterminate(
                subject: subject, component: "cipher-suite", item: item, context: ProtocolVersion.sslv2.name,
                reason: "the server offered an SSLv2 cipher kind the registry does not know")
        }
        var primitives = [primitive("rsaes-pkcs1-v1_5", role: "key transport")]
        if let cipher = info.cipher {
            primitives.append(primitive(cipher.algorithm, role: "cipher", keyBits: cipher.keyBits))
            if let mode = info.mode { primitives.append(primitive(mode.primitive, role: "mode")) }
        } else {
            primitives.append(primitive("null-cipher", role: "cipher"))
        }
        if let hash = info.macHash { primitives.append(primitive(hash, role: "MAC hash")) }
        var critical = "SSLv2 is prohibited (RFC 6176)"
        if info.isExport { critical = "export-grade SSLv2 cipher kind: deliberately weakened" }
        if info.cipher == nil { critical = "NULL cipher: traffic is not encrypted" }
        return finding(
            subject: subject, component: "cipher-suite", item: item, context: ProtocolVersion.sslv2.name,
            primitives: primitives, strength: info.cipher.flatMap { strength(.symmetric, size: $0.strengthBits) },
            critical: critical, remediationHint: "Disable SSLv2 entirely.")
    }

    /// A signature scheme the server signs with under `version`, named and judged as that
    /// version defines it: a TLS 1.3 ECDSA scheme fixes its curve; a TLS 1.2 one signs on the
    /// curve of the certificate's key (`certificateCurve`, when known).
    func schemeFinding(
        _ scheme: SignatureScheme, version: ProtocolVersion, subject: String,
        certificateCurve: String? = nil
    ) -> Finding {
        let item = "\(scheme.name(in: version)) (\(scheme.hex))"
        guard let info = scheme.info else {
            return indeterminate(
                subject: subject, component: "signature-scheme", item: item,
                reason: "the scheme is not in the registry")
        }
        let curve = scheme.curve(in: version) ?? certificateCurve
        var primitives = info.components.map { primitive($0, role: "signature", curve: $0 == "ecdsa" ? curve : nil) }
        var strength: StrengthJudgement?
        if let hash = info.hash {
            primitives.append(primitive(hash, role: "signature hash"))
            if let bits = HashOutput.bits[hash] { strength = self.strength(.hash, size: bits) }
        }
        return finding(
            subject: subject, component: "signature-scheme", item: item, context: version.name,
            primitives: primitives, strength: strength,
            remediationHint: "Disable signature schemes with SHA-1 or off-list algorithms.")
    }
}
