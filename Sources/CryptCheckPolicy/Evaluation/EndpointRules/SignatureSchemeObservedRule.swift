import CryptCheckModel

extension EndpointRule {
    /// Per version: where the server signs, its schemes must have been observed.
    static let signatureSchemeObserved = EndpointRule(
        id: "signature-scheme-observed",
        description:
            "Under TLS 1.3, and under TLS 1.2 with signed (EC)DHE suites, the schemes the server signs with were enumerated; if not, indeterminate",
        citation: "RFC 8446 4.4.3 (CertificateVerify); RFC 5246 7.4.3 (ServerKeyExchange); not observed is indeterminate",
        scope: .handshake,
        check: { judge, endpoint in judge.schemeObservationFindings(endpoint) })
}

extension Judge {
    /// An indeterminate finding for each version the server signs under with no scheme
    /// enumeration: always under TLS 1.3; under TLS 1.2 with signed (EC)DHE suites, or when the
    /// suites are not known.
    func schemeObservationFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        var findings: [Finding] = []
        let signing = [(ProtocolVersion.tlsv1_3, endpoint.acceptedVersions.contains(.tlsv1_3)), (.tlsv1_2, endpoint.signsUnderTLS12)]
        for (version, signs) in signing where signs && !endpoint.signatureSchemes.contains(where: { $0.version == version }) {
            findings.append(
                indeterminate(
                    subject: endpoint.endpoint, component: .signatureScheme, item: "signature schemes",
                    context: version.name,
                    reason: "the signature schemes under \(version.name) were not observed"))
        }
        return findings
    }
}
