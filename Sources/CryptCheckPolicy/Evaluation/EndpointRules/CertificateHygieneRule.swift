import CryptCheckModel
import Foundation

extension EndpointRule {
    /// Certificate hygiene (issue 17): OCSP stapling and must-staple, Certificate Transparency,
    /// subjectAltName, revocation URIs, key usage against the suites. Hygiene, not list
    /// violations: what is wrong is a violation of its own severity, what was observed fine a
    /// pass saying what was seen, what was not observed indeterminate with why.
    static let certificateHygiene = EndpointRule(
        id: "certificate-hygiene",
        description:
            "Certificate hygiene: OCSP staple (revoked, expired, not for the leaf), must-staple without a staple, SCTs counted per source (never verified), subjectAltName missing, no CRL or OCSP URI, keyUsage or extendedKeyUsage that does not allow an accepted suite; a check whose input was not observed is indeterminate",
        citation: "RFC 6066 8, RFC 6961, RFC 7633, RFC 6962 3.3, RFC 6125 6.4.4, RFC 5280 4.2.1.3, 4.2.1.12, 4.2.1.13, 4.2.2.1",
        scope: .handshake,
        check: { judge, endpoint in judge.certificateHygieneFindings(endpoint) })
}

/// The checks' names: the finding's item.
enum HygieneCheck: String {
    case ocspStapling = "ocsp-stapling"
    case mustStaple = "must-staple"
    case certificateTransparency = "certificate-transparency"
    case subjectAltName = "subject-alt-name"
    case revocationURIs = "revocation-uris"
    case keyUsage = "key-usage"
    case leafExtensions = "leaf-extensions"

    var citation: Citation {
        let reference =
            switch self {
            case .ocspStapling: "RFC 6066 8 (status_request), RFC 6960"
            case .mustStaple: "RFC 7633 (TLS feature status_request)"
            case .certificateTransparency: "RFC 6962 3.3 (SCTs: embedded, TLS extension, OCSP)"
            case .subjectAltName: "RFC 6125 6.4.4; CA/Browser Forum BR 7.1.2.7.12"
            case .revocationURIs: "RFC 5280 4.2.1.13, 4.2.2.1"
            case .keyUsage: "RFC 5280 4.2.1.3, 4.2.1.12; RFC 5246 7.4.2; RFC 8446 4.4.2.4"
            case .leafExtensions: "RFC 5280 4.2"
            }
        // The check as the rule's category, so that SARIF names it `certificate-hygiene/<check>`.
        return Citation(
            listID: "certificate hygiene", revision: "certificate-hygiene", category: rawValue, notes: [reference], evidence: .confirmed,
            derived: true)
    }
}

extension Judge {
    func certificateHygieneFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        // Not probed (saved before these checks, or a declared endpoint): nothing to judge, as
        // for the active attack checks.
        guard let hygiene = endpoint.certificateHygiene else { return [] }
        let subject = endpoint.endpoint
        var findings: [Finding] = hygiene.stapling.map { staplingFinding($0, subject: subject) }
        findings += hygiene.leafFailures.map {
            hygieneFinding(.leafExtensions, subject, nil, verdict: .indeterminate, severity: .medium, "not decided: \($0)")
        }
        if hygiene.leaves.isEmpty && hygiene.leafFailures.isEmpty {
            findings.append(
                hygieneFinding(
                    .leafExtensions, subject, nil, verdict: .indeterminate, severity: .medium,
                    "not decided: no leaf certificate was seen, so its extensions were not read"))
        }
        for leaf in hygiene.leaves {
            let context = "leaf \(leaf.subject) (SHA-256 \(leaf.sha256Fingerprint.prefix(16)))"
            findings.append(mustStapleFinding(leaf, hygiene.stapling, subject: subject, context: context))
            findings.append(subjectAltNameFinding(leaf, subject: subject, context: context))
            findings.append(revocationFinding(leaf, subject: subject, context: context))
            findings.append(keyUsageFinding(leaf, subject: subject, context: context))
        }
        findings.append(transparencyFinding(hygiene, endpoint: endpoint))
        return findings
    }

    private func hygieneFinding(
        _ check: HygieneCheck, _ subject: String, _ context: String?, verdict: Verdict, severity: Severity, _ message: String,
        remedy: Remedy? = nil, code: ErrorCode? = nil
    ) -> Finding {
        let fix = verdict == .indeterminate ? Remedy(.rerunScan, "Re-run the scan so that this can be observed.") : remedy
        // "CHECK: STATE: WHAT" (JapaneseReason words the undecided and not-applicable ones).
        let text = check.rawValue + ": " + message
        return Finding(
            subject: subject, component: .certificateHygiene, item: check.rawValue, context: context, list: policy.list.header.revision,
            listStatus: .notApplicable, basis: check.citation, verdict: verdict, severity: severity, evidence: .confirmed, derived: true,
            message: text, remediation: verdict == .pass || verdict == .notApplicable ? nil : fix?.text,
            remediationCode: verdict == .pass || verdict == .notApplicable ? nil : fix?.code, errorCode: code)
    }

    private static let staplingRemedy = Remedy(
        .fixOCSPStapling, "Staple a current OCSP response for the leaf (nginx: ssl_stapling on; Apache httpd: SSLUseStapling on).")
    private static let reissueRemedy = Remedy(
        .reissueLeaf,
        "Re-issue the leaf with subjectAltName, CRL or OCSP URIs, and a keyUsage and extendedKeyUsage (serverAuth) that allow the suites the server accepts."
    )

    private static func day(_ date: Date?) -> String {
        guard let date else { return "absent" }
        return ISO8601DateFormatter().string(from: date)
    }

    // MARK: OCSP stapling

    func staplingFinding(_ probe: OCSPStaplingProbe, subject: String) -> Finding {
        let context = "status_request under \(probe.version.name)"
        switch probe.status {
        case .failed:
            return hygieneFinding(
                .ocspStapling, subject, context, verdict: .indeterminate, severity: .medium,
                "not decided: whether the server staples was not observed: \(probe.failure ?? "the handshake failed")",
                code: probe.failureCode)
        case .notStapled:
            return hygieneFinding(
                .ocspStapling, subject, context, verdict: .pass, severity: .info,
                "not stapled: the handshake completed and the server sent no OCSP response (an observation; clients must ask the responder themselves)"
            )
        case .stapled:
            guard let response = probe.response else {
                return hygieneFinding(
                    .ocspStapling, subject, context, verdict: .indeterminate, severity: .medium, "not decided: the staple was not read")
            }
            return stapleFinding(response, subject: subject, context: context)
        }
    }

    private func stapleFinding(_ response: StapledOCSPResponse, subject: String, context: String) -> Finding {
        let seen =
            "responseStatus \(response.responseStatus ?? "unreadable"), certStatus \(response.certificateStatus?.rawValue ?? "unreadable"), producedAt \(Self.day(response.producedAt)), nextUpdate \(Self.day(response.nextUpdate)); its signature is not verified"
        if let failure = response.failure, response.responseStatus == nil || response.certificateStatus == nil {
            return hygieneFinding(
                .ocspStapling, subject, context, verdict: .violation, severity: .medium, "stapled, unusable: \(failure) (\(seen))",
                remedy: Self.staplingRemedy)
        }
        if response.responseStatus != "successful" {
            return hygieneFinding(
                .ocspStapling, subject, context, verdict: .violation, severity: .medium,
                "stapled, unusable: the OCSP response is not successful (\(seen))", remedy: Self.staplingRemedy)
        }
        var problems: [(Severity, String)] = []
        var unknowns: [String] = []
        if response.certificateStatus == .revoked {
            problems.append((.critical, "the stapled response says the leaf is revoked (revoked at \(Self.day(response.revokedAt)))"))
        }
        if response.certificateStatus == .unknown {
            problems.append((.medium, "the responder does not know the leaf (certStatus unknown)"))
        }
        switch response.matchesLeaf {
        case false?: problems.append((.medium, "the stapled response is not for the leaf: \(response.matchNote ?? "its CertID differs")"))
        case nil: unknowns.append("whether it is for the leaf: \(response.matchNote ?? "not decided")")
        case true?: break
        }
        switch response.expired {
        case true?:
            problems.append(
                (
                    .medium,
                    "the stapled response is expired or not yet valid at the time of the scan (thisUpdate \(Self.day(response.thisUpdate)), nextUpdate \(Self.day(response.nextUpdate)))"
                ))
        case nil: unknowns.append("whether it is current: thisUpdate was not read")
        case false?: break
        }
        if let failure = response.failure { unknowns.append(failure) }
        if let worst = problems.map(\.0).max() {
            return hygieneFinding(
                .ocspStapling, subject, context, verdict: .violation, severity: worst,
                "stapled, bad: " + problems.map(\.1).joined(separator: "; ") + " (\(seen))",
                remedy: response.certificateStatus == .revoked ? Self.reissueRemedy : Self.staplingRemedy)
        }
        if !unknowns.isEmpty {
            return hygieneFinding(
                .ocspStapling, subject, context, verdict: .indeterminate, severity: .medium,
                "not decided: stapled, but " + unknowns.joined(separator: "; ") + " (\(seen))")
        }
        return hygieneFinding(
            .ocspStapling, subject, context, verdict: .pass, severity: .info, "stapled, good, for the leaf, current (\(seen))")
    }

    // MARK: Must-staple

    func mustStapleFinding(_ leaf: LeafCertificateHygiene, _ stapling: [OCSPStaplingProbe], subject: String, context: String) -> Finding {
        guard leaf.mustStaple else {
            return hygieneFinding(
                .mustStaple, subject, context, verdict: .pass, severity: .info, "not required: the leaf has no TLS feature status_request")
        }
        let mine = stapling.filter { $0.leafSHA256 == leaf.sha256Fingerprint }
        let unstapled = mine.filter { $0.status == .notStapled }.map(\.version.name)
        if !unstapled.isEmpty {
            return hygieneFinding(
                .mustStaple, subject, context, verdict: .violation, severity: .high,
                "must-staple without a staple: the leaf requires status_request (RFC 7633) and the server stapled nothing under \(unstapled.joined(separator: ", ")); clients that honour it refuse the connection",
                remedy: Self.staplingRemedy)
        }
        let stapled = mine.filter { $0.status == .stapled }.map(\.version.name)
        if !stapled.isEmpty {
            return hygieneFinding(
                .mustStaple, subject, context, verdict: .pass, severity: .info,
                "must-staple, stapled under \(stapled.joined(separator: ", ")) (the staple itself is judged under ocsp-stapling)")
        }
        return hygieneFinding(
            .mustStaple, subject, context, verdict: .indeterminate, severity: .medium,
            "not decided: the leaf requires a staple, and no handshake that asked for one completed with this leaf",
            code: stapling.first { $0.status == .failed }?.failureCode)
    }

    // MARK: subjectAltName and revocation URIs

    func subjectAltNameFinding(_ leaf: LeafCertificateHygiene, subject: String, context: String) -> Finding {
        let names = (leaf.subjectAltNames ?? []).filter { $0.hasPrefix("DNS:") || $0.hasPrefix("IP:") }
        guard names.isEmpty else {
            return hygieneFinding(
                .subjectAltName, subject, context, verdict: .pass, severity: .info,
                "present: \(names.count) DNS or IP name\(names.count == 1 ? "" : "s") (\(names.prefix(3).joined(separator: ", "))\(names.count > 3 ? ", …" : ""))"
            )
        }
        let why =
            leaf.subjectAltNames == nil ? "the leaf has no subjectAltName extension" : "its subjectAltName holds no DNS name or IP address"
        return hygieneFinding(
            .subjectAltName, subject, context, verdict: .violation, severity: .medium,
            "missing: \(why); names only in the subject CN are not checked by current clients (RFC 6125 6.4.4)", remedy: Self.reissueRemedy)
    }

    func revocationFinding(_ leaf: LeafCertificateHygiene, subject: String, context: String) -> Finding {
        let listed =
            (leaf.crlURIs.map { "CRL \($0)" } + leaf.ocspURIs.map { "OCSP \($0)" } + leaf.caIssuersURIs.map { "caIssuers \($0)" })
            .joined(separator: ", ")
        if !leaf.crlURIs.isEmpty || !leaf.ocspURIs.isEmpty {
            return hygieneFinding(.revocationURIs, subject, context, verdict: .pass, severity: .info, "listed (not fetched): \(listed)")
        }
        if leaf.isSelfSigned {
            return hygieneFinding(
                .revocationURIs, subject, context, verdict: .notApplicable, severity: .info,
                "does not apply: the leaf is self-signed, so no issuer can revoke it")
        }
        return hygieneFinding(
            .revocationURIs, subject, context, verdict: .violation, severity: .low,
            "none: the leaf has neither a CRL distribution point nor an OCSP URI, so its revocation cannot be checked"
                + (listed.isEmpty ? "" : " (\(listed))"), remedy: Self.reissueRemedy)
    }

    // MARK: Key usage

    /// The keyUsage bit `suite` needs of the leaf under `version`; `nil`: none (no certificate key used).
    static func requiredKeyUsage(_ suite: CipherSuite, version: ProtocolVersion) -> String? {
        if version >= .tlsv1_3 { return "digitalSignature" }
        guard let info = suite.info else { return nil }
        switch info.keyExchange {
        case .rsa: return "keyEncipherment"
        case .dh, .ecdh: return "keyAgreement"
        case .dhe, .ecdhe:
            return [.rsa, .ecdsa, .dsa].contains(info.authentication) ? "digitalSignature" : nil
        default: return nil
        }
    }

    func keyUsageFinding(_ leaf: LeafCertificateHygiene, subject: String, context: String) -> Finding {
        var problems: [String] = []
        if let usage = leaf.keyUsage {
            var missing: [String: [String]] = [:]
            var order: [String] = []
            for use in leaf.suites {
                for suite in use.suites {
                    guard let needed = Self.requiredKeyUsage(suite, version: use.version), !usage.contains(needed) else { continue }
                    if missing[needed] == nil { order.append(needed) }
                    missing[needed, default: []].append("\(suite.name) under \(use.version.name)")
                }
            }
            for needed in order {
                problems.append(
                    "keyUsage (\(usage.joined(separator: ", "))) lacks \(needed), which these accepted suites need: \(missing[needed, default: []].joined(separator: "; "))"
                )
            }
        }
        if let purposes = leaf.extendedKeyUsage, !purposes.contains("serverAuth"), !purposes.contains("anyExtendedKeyUsage") {
            problems.append("extendedKeyUsage (\(purposes.joined(separator: ", "))) does not contain serverAuth")
        }
        guard problems.isEmpty else {
            return hygieneFinding(
                .keyUsage, subject, context, verdict: .violation, severity: .medium, "mismatch: " + problems.joined(separator: "; "),
                remedy: Self.reissueRemedy)
        }
        let usage = leaf.keyUsage.map { "keyUsage \($0.joined(separator: ", "))" } ?? "no keyUsage extension (any use)"
        let purposes = leaf.extendedKeyUsage.map { "extendedKeyUsage \($0.joined(separator: ", "))" } ?? "no extendedKeyUsage extension"
        let count = leaf.suites.reduce(0) { $0 + $1.suites.count }
        return hygieneFinding(
            .keyUsage, subject, context, verdict: .pass, severity: .info,
            "allows every suite seen with this leaf (\(count)): \(usage); \(purposes)")
    }

    // MARK: Certificate Transparency

    func transparencyFinding(_ hygiene: CertificateHygieneObservation, endpoint: TLSEndpointObservation) -> Finding {
        var parts: [String] = []
        var unknowns: [String] = []
        var total = 0
        func describe(_ scts: [SignedCertificateTimestampFacts], _ source: String) {
            total += scts.count
            let ids = scts.map { String($0.logID.prefix(16)) }
            parts.append("\(scts.count) \(source)" + (ids.isEmpty ? "" : " (log IDs \(ids.joined(separator: ", ")))"))
        }
        for leaf in hygiene.leaves {
            if let failure = leaf.embeddedSCTFailure { unknowns.append("the SCTs embedded in \(leaf.subject): \(failure)") }
            describe(leaf.embeddedSCTs, "embedded in \(leaf.subject)")
        }
        for probe in hygiene.stapling {
            switch probe.status {
            case .failed: unknowns.append("SCTs under \(probe.version.name): the handshake did not complete")
            case .stapled, .notStapled:
                if let scts = probe.tlsExtensionSCTs {
                    describe(scts, "in the TLS extension under \(probe.version.name)")
                } else {
                    unknowns.append("the TLS extension under \(probe.version.name): \(probe.sctFailure ?? "not read")")
                }
                if let response = probe.response {
                    if let failure = response.sctFailure { unknowns.append("the OCSP staple under \(probe.version.name): \(failure)") }
                    describe(response.scts, "in the OCSP staple under \(probe.version.name)")
                }
            }
        }
        if hygiene.stapling.isEmpty {
            // SSL 3.0 alone (no extensions): the TLS extension and the staple were never asked for.
            unknowns.append("no handshake asked for SCTs in the TLS extension or a staple (no version from TLS 1.0 on)")
        }
        let seen = parts.joined(separator: "; ")
        if !unknowns.isEmpty {
            return hygieneFinding(
                .certificateTransparency, endpoint.endpoint, nil, verdict: .indeterminate, severity: .medium,
                "not decided: SCTs were not read from every source: " + unknowns.joined(separator: "; ")
                    + (seen.isEmpty ? "" : " (seen: \(seen))"))
        }
        if total == 0 {
            return hygieneFinding(
                .certificateTransparency, endpoint.endpoint, nil, verdict: .pass, severity: .info,
                "no SCTs: none embedded, none in the TLS extension, none stapled (an observation: certificates of publicly trusted CAs need them for browsers)"
            )
        }
        return hygieneFinding(
            .certificateTransparency, endpoint.endpoint, nil, verdict: .pass, severity: .info,
            "\(total) SCT\(total == 1 ? "" : "s"), not verified (the logs' keys are not known to the scan): \(seen)")
    }
}
