import CryptCheckModel

extension SSHEndpointRule {
    /// Each compression method the server accepted offered alone: not a cryptographic technique,
    /// so no list judges it; reported as not applicable, and a name the registry does not know
    /// as indeterminate.
    static let sshCompression = SSHEndpointRule(
        id: "ssh-compression",
        description: "Each SSH compression method the server accepts offered alone is reported; no list judges compression",
        citation: "RFC 4253 6.2, OpenSSH zlib@openssh.com",
        scope: .keyExchange,
        check: { judge, endpoint in
            judge.sshAlgorithmFindings(endpoint, category: .compression, component: .sshCompression) { info in
                judge.finding(
                    subject: endpoint.subject, component: .sshCompression, item: info.name, context: nil, primitives: [],
                    strength: nil)
            }
        })
}
