import CryptCheckModel

extension EndpointRule {
    /// Each protocol version the server accepts, judged by the target GL-3001 profile.
    static let protocolVersion = EndpointRule(
        id: "protocol-version",
        description:
            "Each protocol version the server accepts is allowed by the target GL-3001 profile; a failed version probe is indeterminate",
        citation: "GL-3001 profile rule versions-allowed (Lists/cryptrec-gl-3001-3.0.1.yaml; cryptrec.md 3.1)",
        scope: .handshake,
        check: { judge, endpoint in judge.protocolVersionFindings(endpoint) })
}

extension Judge {
    /// The accepted versions, each judged, and the versions whose probe failed.
    func protocolVersionFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        var findings: [Finding] = []
        for support in endpoint.versions {
            switch support.status {
            case .yes: findings.append(versionFinding(support.version, subject: endpoint.endpoint))
            case .no: break
            case .failed(let reason, let code):
                findings.append(
                    indeterminate(
                        subject: endpoint.endpoint, component: .protocolVersion, item: support.version.name,
                        reason: "the probe failed: \(reason)", errorCode: code))
            }
        }
        return findings
    }

    /// A protocol version, judged by the target GL-3001 profile.
    func versionFinding(_ version: ProtocolVersion, subject: String) -> Finding {
        guard let guideline = policy.guideline, let profile = guideline.profile(policy.targetProfile) else {
            return Finding(
                subject: subject, component: .protocolVersion, item: version.name, list: policy.list.header.revision,
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
            subject: subject, component: .protocolVersion, item: version.name,
            list: policy.list.header.revision, listStatus: .notApplicable, basis: citation,
            verdict: allowed ? .pass : .violation, severity: severity, evidence: citation.evidence,
            derived: citation.derived, message: message,
            remediation: allowed ? nil : "Disable \(version.name); enable TLS 1.3 and TLS 1.2 only.",
            remediationCode: allowed ? nil : .disableProtocolVersion)
    }
}
