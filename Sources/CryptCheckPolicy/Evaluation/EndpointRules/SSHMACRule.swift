import CryptCheckModel

extension SSHEndpointRule {
    /// Each MAC the server accepted offered alone (with the ciphers that negotiate a MAC).
    static let sshMAC = SSHEndpointRule(
        id: "ssh-mac",
        description:
            "Each SSH MAC the server accepts offered alone is judged by its construction and hash (list status, as a TLS suite's MAC)",
        citation: "LS-0001; RFC 4253 6.4, RFC 6668",
        scope: .keyExchange,
        check: { judge, endpoint in judge.sshMACFindings(endpoint) })
}

extension Judge {
    func sshMACFindings(_ endpoint: SSHEndpointObservation) -> [Finding] {
        sshAlgorithmFindings(endpoint, category: .mac, component: .sshMAC) { info in
            var primitives: [PrimitiveJudgement] = []
            var critical: String?
            if info.components.isEmpty {
                primitives.append(primitive("null-mac", role: .mac))
                critical = "no MAC: traffic is not integrity-protected"
            }
            for component in info.components where HashOutput.bits[component] == nil {
                primitives.append(primitive(component, role: .mac))
            }
            // The hash is judged by its list status only, as in a TLS suite's MAC: an HMAC's
            // security is not the hash's collision strength, so no LS-0003 hash level applies.
            if let (hash, _) = sshHash(info, role: .macHash) { primitives.append(hash) }
            return finding(
                subject: endpoint.subject, component: .sshMAC, item: info.name, context: nil, primitives: primitives,
                strength: nil, critical: critical,
                remedy: Remedy(
                    .replaceTechnique,
                    "Remove \(info.name) from the server's MACs (sshd_config MACs); keep MACs on the e-Government Recommended list of \(policy.list.header.revision), e.g. hmac-sha2-256-etm@openssh.com."
                ))
        }
    }
}
