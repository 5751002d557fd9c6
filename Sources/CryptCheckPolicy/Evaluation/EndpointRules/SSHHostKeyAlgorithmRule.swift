import CryptCheckModel

extension SSHEndpointRule {
    /// Each host-key (signature) algorithm the server accepted offered alone.
    static let sshHostKeyAlgorithm = SSHEndpointRule(
        id: "ssh-host-key-algorithm",
        description: "Each SSH host-key algorithm the server accepts offered alone is judged by its signature scheme, curve and hash",
        citation: "LS-0001; LS-0003 (hash strength); RFC 4253 6.6, RFC 8332, RFC 5656, RFC 8709",
        scope: .keyExchange,
        check: { judge, endpoint in judge.sshHostKeyAlgorithmFindings(endpoint) })
}

extension Judge {
    func sshHostKeyAlgorithmFindings(_ endpoint: SSHEndpointObservation) -> [Finding] {
        sshAlgorithmFindings(endpoint, category: .hostKey, component: .sshHostKeyAlgorithm) { info in
            var primitives: [PrimitiveJudgement] = []
            var strength: StrengthJudgement?
            for scheme in info.components where HashOutput.bits[scheme] == nil {
                let curve = scheme == "ecdsa" ? Self.sshKeyExchangeCurve(info.name) : nil
                primitives.append(primitive(scheme, role: .signature, curve: curve))
            }
            if primitives.isEmpty { primitives.append(primitive(Primitive(info.name), role: .signature)) }
            if let (hash, hashStrength) = sshHash(info, role: .signatureHash) {
                primitives.append(hash)
                strength = hashStrength
            }
            return finding(
                subject: endpoint.subject, component: .sshHostKeyAlgorithm, item: info.name, context: nil, primitives: primitives,
                strength: strength,
                remedy: Remedy(
                    .replaceTechnique,
                    "Remove \(info.name) from the server's host-key algorithms (sshd_config HostKeyAlgorithms); keep schemes on the e-Government Recommended list of \(policy.list.header.revision), e.g. rsa-sha2-256 or ecdsa-sha2-nistp256."
                ))
        }
    }
}
