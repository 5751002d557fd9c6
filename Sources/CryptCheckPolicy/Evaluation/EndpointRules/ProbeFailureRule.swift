import CryptCheckModel

extension EndpointRule {
    /// Each failure the scanner recorded on the endpoint.
    static let probeFailure = EndpointRule(
        id: "probe-failure",
        description: "Each probe failure the scanner recorded on the endpoint is indeterminate, with its error code",
        citation: "not observed is indeterminate, never a pass (ARCHITECTURE.md, Findings)",
        scope: .handshake,
        check: { judge, endpoint in
            endpoint.failures.enumerated().map { index, failure in
                judge.indeterminate(
                    subject: endpoint.endpoint, component: .probe, item: "probe", reason: failure,
                    errorCode: endpoint.failureCode(at: index))
            }
        })
}
