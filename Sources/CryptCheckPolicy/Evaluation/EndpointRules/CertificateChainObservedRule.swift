import CryptCheckModel

extension EndpointRule {
    /// Whether a server that accepts a handshake sent the chain it should have.
    static let certificateChainObserved = EndpointRule(
        id: "certificate-chain-observed",
        description:
            "A server whose suites use a certificate sent a chain (if not, indeterminate); one that accepts only anonymous or PSK suites needs none",
        citation: "RFC 8446 4.4.2 and RFC 5246 7.4.2 (Certificate); not observed is indeterminate",
        scope: .handshake,
        check: { judge, endpoint in judge.chainObservationFindings(endpoint) })
}

extension Judge {
    /// Nothing when the server sent a chain or accepted nothing; otherwise indeterminate, or not
    /// applicable when no accepted suite uses a certificate.
    func chainObservationFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        let accepted = endpoint.acceptedVersions
        guard endpoint.certificateChains.isEmpty && !accepted.isEmpty else { return [] }
        // A chain is expected under TLS 1.3 and with any suite that uses a certificate (or whose
        // kind is unknown); a server that accepts only anonymous or PSK suites sends none.
        let expectsCertificate =
            accepted.contains(.tlsv1_3) || accepted.contains(.sslv2)
            || endpoint.cipherSuites.contains {
                $0.version < .tlsv1_3 && accepted.contains($0.version) && $0.accepted.contains { $0.info?.usesCertificate ?? true }
            } || accepted.contains { version in version < .tlsv1_3 && !endpoint.cipherSuites.contains { $0.version == version } }
        if expectsCertificate {
            return [
                indeterminate(
                    subject: endpoint.endpoint, component: .certificate, item: "certificate chain",
                    reason: "no certificate chain was observed")
            ]
        }
        return [
            Finding(
                subject: endpoint.endpoint, component: .certificate, item: "certificate chain",
                list: policy.list.header.revision, listStatus: .notApplicable, verdict: .notApplicable,
                severity: .info, evidence: .confirmed, derived: true,
                message: "no certificate: every suite the server accepts is anonymous or PSK")
        ]
    }
}
