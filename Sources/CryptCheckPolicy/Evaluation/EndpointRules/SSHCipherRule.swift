import CryptCheckModel

extension SSHEndpointRule {
    /// Each cipher the server accepted offered alone.
    static let sshCipher = SSHEndpointRule(
        id: "ssh-cipher",
        description: "Each SSH cipher the server accepts offered alone is judged by its block cipher, key size and mode",
        citation: "LS-0001; LS-0003 (symmetric strength); RFC 4253 6.3, RFC 4344, RFC 5647",
        scope: .keyExchange,
        check: { judge, endpoint in judge.sshCipherFindings(endpoint) })
}

extension Judge {
    func sshCipherFindings(_ endpoint: SSHEndpointObservation) -> [Finding] {
        sshAlgorithmFindings(endpoint, category: .cipher, component: .sshCipher) { info in
            var primitives: [PrimitiveJudgement] = []
            var critical: String?
            if info.components.isEmpty {
                primitives.append(primitive("null-cipher", role: .cipher))
                critical = "no cipher: traffic is not encrypted"
            } else if info.components == ["chacha20-poly1305"] {
                primitives.append(primitive("chacha20-poly1305", role: .authenticatedEncryption))
            } else {
                primitives.append(primitive(info.components[0], role: .cipher, keyBits: info.keyBits))
                for mode in info.components.dropFirst() {
                    primitives.append(primitive(mode, role: ["gcm", "ccm"].contains(mode) ? .authenticatedEncryption : .mode))
                }
            }
            let keyBits = info.components == ["chacha20-poly1305"] ? 256 : info.keyBits
            return finding(
                subject: endpoint.subject, component: .sshCipher, item: info.name, context: nil, primitives: primitives,
                strength: keyBits.flatMap { strength(.symmetric, size: $0) }, critical: critical,
                remedy: Remedy(
                    .replaceTechnique,
                    "Remove \(info.name) from the server's ciphers (sshd_config Ciphers); keep ciphers on the e-Government Recommended list of \(policy.list.header.revision), e.g. aes128-gcm@openssh.com or aes256-ctr."
                ))
        }
    }
}
