import CryptCheckModel

extension EndpointRule {
    /// Every version the scanner probes must have an answer; one missing was not observed.
    static let protocolVersionObserved = EndpointRule(
        id: "protocol-version-observed",
        description: "Every protocol version the scanner probes (SSLv2 to TLS 1.3) has an answer; none, or one missing, is indeterminate",
        citation: "GL-3001 profile rule versions-allowed, which needs every version's answer; not observed is indeterminate",
        scope: .handshake,
        check: { judge, endpoint in judge.versionObservationFindings(endpoint) })
}

extension Judge {
    /// An indeterminate finding when no version was observed, or one for each version not probed.
    func versionObservationFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        let subject = endpoint.endpoint
        if endpoint.versions.isEmpty {
            return [
                indeterminate(
                    subject: subject, component: .protocolVersion, item: "protocol versions",
                    reason: "no protocol version was observed")
            ]
        }
        var findings: [Finding] = []
        for version in [ProtocolVersion.sslv2, .sslv3, .tlsv1_0, .tlsv1_1, .tlsv1_2, .tlsv1_3]
        where !endpoint.versions.contains(where: { $0.version == version }) {
            findings.append(
                indeterminate(
                    subject: subject, component: .protocolVersion, item: version.name,
                    reason: "\(version.name) was not probed"))
        }
        return findings
    }
}
