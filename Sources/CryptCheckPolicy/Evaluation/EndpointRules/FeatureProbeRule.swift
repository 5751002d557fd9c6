import CryptCheckModel

extension EndpointRule {
    /// Features are facts for the report, not list items; but one whose probe failed was not
    /// observed. One with nothing to apply to (not applicable) is neither failed nor unknown.
    static let featureProbe = EndpointRule(
        id: "feature-probe",
        description:
            "A feature (secure renegotiation, extended master secret, encrypt-then-MAC, compression, fallback SCSV; the session features ALPN, session tickets, resumption by ticket and by session ID, early data) whose probe failed is indeterminate, and so is ALPN when a protocol offered alone could not be tested; the features themselves are report facts",
        citation:
            "RFC 5746, RFC 7627, RFC 7366, RFC 7457 (compression), RFC 7507, RFC 7301 (ALPN), RFC 5077 and RFC 8446 4.6.1 (tickets, early data) (the features); not observed is indeterminate",
        scope: .handshake,
        check: { judge, endpoint in
            endpoint.features.compactMap { feature in
                if case .failed(let reason, let code) = feature.status {
                    return judge.indeterminate(
                        subject: endpoint.endpoint, component: .feature, item: feature.feature.rawValue,
                        reason: "the probe failed: \(reason)", errorCode: code)
                }
                // ALPN candidates offered alone: one that could not be tested leaves the list of
                // accepted protocols unknown, whatever the combined offer showed.
                guard let failed = feature.alpn?.failed, let first = failed.first else { return nil }
                let reasons = failed.map { "\($0.protocolID): \($0.reason)" }.joined(separator: "; ")
                return judge.indeterminate(
                    subject: endpoint.endpoint, component: .feature, item: feature.feature.rawValue,
                    reason: "the ALPN protocols accepted are not known: \(reasons)", errorCode: first.code)
            }
        })
}
