import CryptCheckModel

extension EndpointRule {
    /// Per accepted version: the preference order, each accepted suite, and whether the
    /// enumeration is complete. One rule, so that each version's findings stay together.
    static let cipherSuite = EndpointRule(
        id: "cipher-suite",
        description:
            "Under each accepted version, each accepted suite is judged by its primitives and key size, after the server's preference order; an enumeration missing or incomplete is indeterminate; a suite the server chose and then did not complete the first flight for is never accepted (a violation if it would be one, else indeterminate)",
        citation:
            "LS-0001 (each suite's primitives, SuiteEvaluation.swift); LS-0003 (symmetric key strength); preference order: a fact, no list item",
        scope: .handshake,
        check: { judge, endpoint in judge.cipherSuiteFindings(endpoint) })
}

extension Judge {
    /// The suites under every accepted version but SSLv2 (whose cipher kinds are judged apart).
    func cipherSuiteFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        let subject = endpoint.endpoint
        var findings: [Finding] = []
        for version in endpoint.acceptedVersions where version != .sslv2 {
            guard let enumeration = endpoint.cipherSuites.first(where: { $0.version == version }) else {
                findings.append(
                    indeterminate(
                        subject: subject, component: .cipherSuite, item: "cipher suites",
                        context: version.name, reason: "the suites accepted under \(version.name) were not enumerated"))
                continue
            }
            // A BOM declares no preference order: there is nothing to say about one.
            if enumeration.accepted.count >= 2 && endpoint.declared == nil {
                findings.append(preferenceFinding(enumeration, subject: subject))
            }
            for suite in enumeration.accepted {
                findings.append(suiteFinding(suite, version: version, subject: subject))
            }
            for chosen in enumeration.chosenThenFailed ?? [] {
                findings.append(chosenThenFailedFinding(chosen, version: version, subject: subject))
            }
            if !enumeration.complete {
                findings.append(
                    indeterminate(
                        subject: subject, component: .cipherSuite, item: "cipher suites",
                        context: version.name,
                        reason: "suite enumeration under \(version.name) is incomplete"
                            + (enumeration.failure.map { ": \($0)" } ?? ""), errorCode: enumeration.failureCode))
            }
        }
        return findings
    }

    /// A suite the server chose and then did not complete the first flight for: never accepted,
    /// never a pass. The configuration enables it, so a suite that is a violation when accepted
    /// is a violation still; any other is indeterminate, with what was seen.
    func chosenThenFailedFinding(_ chosen: ChosenThenFailed, version: ProtocolVersion, subject: String) -> Finding {
        var finding = suiteFinding(chosen.suite, version: version, subject: subject)
        let state = "chosen by the server, then the handshake failed: \(chosen.seen)"
        finding.errorCode = .probeChosenThenFailed
        if finding.verdict == .violation {
            finding.message = "\(state); the configuration enables it: \(finding.message)"
            return finding
        }
        finding.verdict = .indeterminate
        finding.severity = .medium
        finding.message = "\(state); not counted as accepted"
        finding.remediation =
            "Disable \(chosen.suite.info?.displayName ?? chosen.suite.name), or give the server what its handshake needs "
            + "(for DHE, DH parameters), then scan again."
        finding.remediationCode = .disableCipherSuite
        return finding
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
            subject: subject, component: .cipherSuiteOrder, item: "preference order", context: enumeration.version.name,
            list: policy.list.header.revision, listStatus: .notApplicable,
            verdict: .notApplicable, severity: .info, evidence: .confirmed, derived: false, message: message,
            remediation: enumeration.preference == .client && enumeration.version < .tlsv1_3
                ? "Let the server choose (e.g. ssl_prefer_server_ciphers on, SSLHonorCipherOrder on) with the strongest suites first."
                : nil,
            remediationCode: enumeration.preference == .client && enumeration.version < .tlsv1_3 ? .serverSuiteOrder : nil
        )
    }
}
