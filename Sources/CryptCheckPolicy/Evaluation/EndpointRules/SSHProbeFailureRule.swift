import CryptCheckModel

extension SSHEndpointRule {
    /// What stopped the enumeration of an endpoint (its time budget ran out): indeterminate, with
    /// the reason and its code.
    static let sshProbeFailure = SSHEndpointRule(
        id: "ssh-probe-failure",
        description: "An SSH endpoint whose enumeration was cut short is indeterminate, with the reason",
        citation: "not observed is indeterminate",
        scope: .keyExchange,
        check: { judge, endpoint in
            endpoint.failures.enumerated().map { index, failure in
                judge.indeterminate(
                    subject: endpoint.subject, component: .probe, item: endpoint.subject,
                    reason: "the SSH enumeration was cut short: \(failure)",
                    errorCode: index < endpoint.failureCodes.count ? endpoint.failureCodes[index] : nil)
            }
        })
}
