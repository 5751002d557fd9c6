import CryptCheckModel

extension Judge {
    /// The one finding for an endpoint where no hello got a ServerHello: nothing there was
    /// observed, so nothing can pass; it says what happened and what to do.
    func noHandshakeFinding(_ outcome: TLSEndpointOutcome, subject: String) -> Finding {
        var finding = indeterminate(
            subject: subject, component: "endpoint", item: "TLS handshake",
            reason: "no TLS handshake completed: \(outcome.summary)", errorCode: outcome.code)
        finding.remediation =
            switch outcome.kind {
            case .unresolved: "Check the host name (DNS), then re-run the scan."
            case .unreachable: "Check that the service listens on this port and that the scanner can reach it, then re-run the scan."
            case .notTLS:
                "This port does not speak TLS from its first byte: scan the service's TLS port (or, for STARTTLS protocols, its upgrade)."
            case .refused:
                "The server refused every hello: if it needs a server name, give it (--sni); check that TLS is enabled on this port."
            case .closed, .silent, .malformed, .failed, .handshake:
                "Check the service on this port (it did not complete a TLS handshake), then re-run the scan."
            }
        return finding
    }
}
