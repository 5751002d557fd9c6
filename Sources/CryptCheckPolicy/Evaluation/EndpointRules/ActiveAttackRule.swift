import CryptCheckModel

extension EndpointRule {
    /// The attacks tried on the wire: each check's result is one finding, whatever it was
    /// (a pass says what was seen; a check that could not decide is indeterminate, never a pass).
    static let activeAttack = EndpointRule(
        id: "active-attack",
        description:
            "The attacks tried on the wire (Heartbleed, CCS injection, ROBOT, POODLE against TLS, insecure and client-initiated renegotiation, Ticketbleed): vulnerable is a violation, not vulnerable a pass with what was seen, could not test indeterminate, not applicable or not run not applicable",
        citation:
            "CVE-2014-0160, CVE-2014-0224, ROBOT (Böck, Somorovsky, Young 2018), CVE-2014-8730, RFC 5746, CVE-2011-1473, CVE-2016-9244; not observed is indeterminate",
        scope: .handshake,
        check: { judge, endpoint in
            let results = endpoint.attacks ?? []
            let tried = Set(results.map(\.attack))
            let missing = ActiveAttack.all.filter { !tried.contains($0) }
            return results.sorted { $0.attack < $1.attack }.map { judge.attackFinding($0, subject: endpoint.endpoint) }
                + (missing.isEmpty ? [] : [judge.attacksNotInObservation(missing, subject: endpoint.endpoint)])
        })
}

extension Judge {
    /// The primitive an attack breaks, judged against the list: ROBOT breaks RSA key transport
    /// (RSAES-PKCS1-v1_5), POODLE against TLS the CBC mode's records (an implementation that
    /// does not check their padding); the others are flaws of an implementation or of the
    /// protocol.
    func attackPrimitives(_ attack: ActiveAttack) -> [PrimitiveJudgement] {
        switch attack {
        case .robot: [primitive(Primitive(rawValue: "rsaes-pkcs1-v1_5"), role: .keyTransport)]
        case .tlsPoodle: [primitive(Primitive(rawValue: "cbc"), role: .mode)]
        default: []
        }
    }

    /// The checks an observation holds no result for (saved before they existed, or declared
    /// rather than scanned): not tried, said once, never read as "not vulnerable".
    func attacksNotInObservation(_ missing: [ActiveAttack], subject: String) -> Finding {
        let names = missing.map(\.displayName).joined(separator: ", ")
        return Finding(
            subject: subject, component: .attack, item: "active-checks", list: policy.list.header.revision, listStatus: .notApplicable,
            verdict: .notApplicable, severity: .info, evidence: .confirmed, derived: false,
            message:
                "not tried: the observation holds no result for \(names) (saved before these checks existed, or declared rather than scanned)",
            remediation: "Scan the endpoint again with this release to try them.", remediationCode: .rerunScan)
    }

    func attackFinding(_ result: AttackProbeResult, subject: String) -> Finding {
        let attack = result.attack
        let name = attack.displayName + (attack.cve.map { " (\($0))" } ?? "")
        switch result.verdict {
        case .couldNotTest:
            return indeterminate(
                subject: subject, component: .attack, item: attack.rawValue, reason: "could not test \(name): \(result.evidence)",
                errorCode: result.code)
        case .notApplicable, .notRun:
            let message =
                result.verdict == .notRun
                ? "\(name) was not tried: active checks were turned off (--no-active)"
                : "\(name) does not apply: \(result.evidence)"
            return Finding(
                subject: subject, component: .attack, item: attack.rawValue, list: policy.list.header.revision, listStatus: .notApplicable,
                verdict: .notApplicable, severity: .info, evidence: .confirmed, derived: false, message: message)
        case .notVulnerable:
            return Finding(
                subject: subject, component: .attack, item: attack.rawValue, list: policy.list.header.revision, listStatus: .notApplicable,
                verdict: .pass, severity: .info, evidence: .confirmed, derived: false,
                message: "not vulnerable to \(name): \(result.evidence)")
        case .vulnerable:
            let primitives = attackPrimitives(attack)
            let broken = primitives.first
            let status =
                broken.map {
                    "; it breaks \($0.primitive.displayName) (\($0.role)), \($0.status.rawValue) on \(policy.list.header.revision)"
                } ?? ""
            let critical = attack == .heartbleed || attack == .ccsInjection || attack == .robot || attack == .ticketbleed
            let fix =
                switch attack {
                case .robot:
                    "Disable the RSA key-transport suites (TLS_RSA_WITH_*), or update the TLS library to a release without the oracle."
                case .tlsPoodle:
                    "Update the TLS implementation (often a load balancer's or an appliance's firmware) to one that checks CBC padding, or disable the CBC suites and keep the AEAD ones (AES-GCM, ChaCha20-Poly1305)."
                case .clientRenegotiation:
                    "Turn off client-initiated renegotiation (e.g. OpenSSL's SSL_OP_NO_RENEGOTIATION, nginx and Apache refuse it by default)."
                default: "Update the TLS library to a release that fixes \(name), and restart the service."
                }
            return Finding(
                subject: subject, component: .attack, item: attack.rawValue, list: policy.list.header.revision,
                listStatus: broken?.status ?? .notApplicable, decidingPrimitive: broken?.primitive, primitives: primitives,
                verdict: .violation, severity: critical ? .critical : .high, evidence: .confirmed, derived: false,
                message: "vulnerable to \(name)\(status): \(result.evidence)", remediation: fix,
                remediationCode: attack == .robot ? .disableCipherSuite : .fixAttack)
        }
    }
}
