import CryptCheckModel

extension SSHEndpointRule {
    /// Each key-exchange method the server accepted offered alone.
    static let sshKeyExchange = SSHEndpointRule(
        id: "ssh-key-exchange",
        description:
            "Each SSH key-exchange method the server accepts offered alone is judged by its primitives (DH, ECDH and its curve, a KEM), its group and its hash",
        citation: "LS-0001; LS-0003 (FFC, ECC and hash strength); RFC 4253 8, RFC 8731, RFC 8268",
        scope: .keyExchange,
        check: { judge, endpoint in judge.sshKeyExchangeFindings(endpoint) })
}

extension Judge {
    func sshKeyExchangeFindings(_ endpoint: SSHEndpointObservation) -> [Finding] {
        sshAlgorithmFindings(endpoint, category: .keyExchange, component: .sshKeyExchange) { info in
            var primitives: [PrimitiveJudgement] = []
            var strengths: [StrengthJudgement?] = []
            let groupExchange = info.name.hasPrefix("diffie-hellman-group-exchange")
            for component in info.components where HashOutput.bits[component] == nil {
                switch component {
                case "dh":
                    primitives.append(primitive("dh", role: .keyExchange))
                    // A fixed group's size is its name's; a group exchange's primes are judged
                    // one by one (`ssh-group-exchange`).
                    if !groupExchange, let bits = info.keyBits { strengths.append(strength(.ffc, size: bits)) }
                case "ecdh":
                    let curve = Self.sshKeyExchangeCurve(info.name)
                    primitives.append(primitive("ecdh", role: .keyExchange, curve: curve))
                    if let curve, let bits = EllipticCurve.named(curve)?.orderBits {
                        strengths.append(strength(.ecc, size: bits, curve: curve))
                    }
                case "rsa-oaep": primitives.append(primitive("rsa-oaep", role: .keyTransport))
                default: primitives.append(primitive(component, role: .kem))
                }
            }
            if primitives.isEmpty { primitives.append(primitive(Primitive(info.name), role: .keyExchange)) }
            if let (hash, hashStrength) = sshHash(info, role: .digest) {
                primitives.append(hash)
                strengths.append(hashStrength)
            }
            return finding(
                subject: endpoint.subject, component: .sshKeyExchange, item: info.name, context: nil, primitives: primitives,
                strength: Self.weakest(strengths),
                remedy: Remedy(
                    .replaceTechnique,
                    "Remove \(info.name) from the server's key exchanges (sshd_config KexAlgorithms); keep methods on the e-Government Recommended list of \(policy.list.header.revision), e.g. ecdh-sha2-nistp256 or curve25519-sha256."
                ))
        }
    }
}
