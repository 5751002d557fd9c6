import CryptCheckModel

extension EndpointRule {
    /// Features are facts for the report, not list items; but one whose probe failed was not
    /// observed. One with nothing to apply to (not applicable) is neither failed nor unknown.
    static let featureProbe = EndpointRule(
        id: "feature-probe",
        description:
            "A feature (secure renegotiation, extended master secret, encrypt-then-MAC, compression, fallback SCSV; the session features ALPN, session tickets, resumption by ticket and by session ID, early data) whose probe failed is indeterminate; the features themselves are report facts",
        citation:
            "RFC 5746, RFC 7627, RFC 7366, RFC 7457 (compression), RFC 7507, RFC 7301 (ALPN), RFC 5077 and RFC 8446 4.6.1 (tickets, early data) (the features); not observed is indeterminate",
        scope: .handshake,
        check: { judge, endpoint in
            endpoint.features.compactMap { feature in
                guard case .failed(let reason, let code) = feature.status else { return nil }
                return judge.indeterminate(
                    subject: endpoint.endpoint, component: .feature, item: feature.feature.rawValue,
                    reason: "the probe failed: \(reason)", errorCode: code)
            }
        })
}
