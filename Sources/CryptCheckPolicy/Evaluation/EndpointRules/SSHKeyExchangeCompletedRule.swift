import CryptCheckModel

extension SSHEndpointRule {
    /// An endpoint that sent its KEXINIT but with which no key exchange was completed: nothing it
    /// accepts was observed, so it is indeterminate whatever its lists advertise.
    static let sshKeyExchangeCompleted = SSHEndpointRule(
        id: "ssh-key-exchange-completed",
        description: "An SSH endpoint with which no key exchange was completed is indeterminate: what it advertises is not what it accepts",
        citation: "RFC 4253 7, 8; not observed is indeterminate",
        scope: .keyExchange,
        check: { judge, endpoint in
            let completed = endpoint.algorithms.contains { $0.category == .keyExchange && $0.accepted == .yes }
            guard !completed else { return [] }
            return [
                judge.indeterminate(
                    subject: endpoint.subject, component: .endpoint, item: endpoint.subject,
                    reason: "no SSH key exchange completed: what the server accepts was not observed")
            ]
        })
}
