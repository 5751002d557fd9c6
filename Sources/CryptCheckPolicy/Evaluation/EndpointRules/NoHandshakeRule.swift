import CryptCheckModel

extension EndpointRule {
    /// An endpoint where no hello got a ServerHello: one indeterminate finding.
    static let noHandshake = EndpointRule(
        id: "no-handshake",
        description: "An endpoint where no TLS handshake completed gets one indeterminate finding saying what happened",
        citation: "RFC 8446 4.1 and RFC 5246 7.4 (the handshake); what was not observed is indeterminate, never a pass",
        scope: .noHandshake,
        check: { judge, endpoint in
            endpoint.noHandshakeOutcome.map { [judge.noHandshakeFinding($0, subject: endpoint.endpoint)] } ?? []
        })
}

extension Judge {
    /// The one finding for an endpoint where no hello got a ServerHello: nothing there was
    /// observed, so nothing can pass; it says what happened and what to do.
    func noHandshakeFinding(_ outcome: TLSEndpointOutcome, subject: String) -> Finding {
        var finding = indeterminate(
            subject: subject, component: .endpoint, item: "TLS handshake",
            reason: "no TLS handshake completed: \(outcome.summary)", errorCode: outcome.code)
        finding.remedy =
            switch outcome.kind {
            case .unresolved: Remedy(.checkHostName, "Check the host name (DNS), then re-run the scan.")
            case .unreachable:
                Remedy(
                    .checkReachability,
                    "Check that the service listens on this port and that the scanner can reach it, then re-run the scan.")
            case .notTLS:
                Remedy(
                    .scanTLSPort,
                    "This port does not speak TLS from its first byte: scan the service's TLS port (or, for STARTTLS protocols, its upgrade)."
                )
            case .refused:
                Remedy(
                    .giveServerName,
                    "The server refused every hello: if it needs a server name, give it (--sni); check that TLS is enabled on this port.")
            case .starttls:
                Remedy(
                    .checkTLSService,
                    "The server did not upgrade the plaintext connection to TLS: enable STARTTLS for this service (or scan its TLS port), then re-run the scan."
                )
            case .closed, .silent, .malformed, .failed, .handshake:
                Remedy(.checkTLSService, "Check the service on this port (it did not complete a TLS handshake), then re-run the scan.")
            }
        return finding
    }
}
