import CryptCheckModel

extension Judge {
    /// The findings for the algorithms of one SSH list, each offered alone: one the server
    /// accepted is judged by `judged` with its registry entry; one whose probe saw neither a
    /// refusal nor the exchange going on is indeterminate; one it refused gives none. A name the
    /// registry does not know is indeterminate, never a pass.
    func sshAlgorithmFindings(
        _ endpoint: SSHEndpointObservation, category: SSHAlgorithmCategory, component: FindingComponent,
        judged: (SSHAlgorithmInfo) -> Finding
    ) -> [Finding] {
        endpoint.algorithms.filter { $0.category == category }.compactMap { support -> Finding? in
            switch support.accepted {
            case .no:
                return nil
            case .failed(let reason, let code):
                return indeterminate(
                    subject: endpoint.subject, component: component, item: support.name,
                    reason: "whether the server accepts it was not determined: \(reason)", errorCode: code)
            case .yes:
                guard let info = SSHAlgorithmRegistry.lookup(support.name, in: category) else {
                    return indeterminate(
                        subject: endpoint.subject, component: component, item: support.name,
                        reason: "the server accepted an SSH algorithm the registry does not know")
                }
                var finding = judged(info)
                if let evidence = support.evidence { finding.context = "accepted from the " + evidence }
                return finding
            }
        }
    }

    /// The curve of an elliptic-curve key exchange, from its name (`curve25519-sha256`: X25519,
    /// `ecdh-sha2-nistp384`: P-384); `nil` when the name does not say.
    static func sshKeyExchangeCurve(_ name: String) -> String? {
        if name.contains("25519") { return "x25519" }
        if name.contains("448") { return "x448" }
        for (suffix, curve) in [("nistp256", "secp256r1"), ("nistp384", "secp384r1"), ("nistp521", "secp521r1")]
        where name.contains(suffix) {
            return curve
        }
        return nil
    }

    /// The hash of an SSH algorithm judged in `role`, with its output size judged by LS-0003.
    func sshHash(_ info: SSHAlgorithmInfo, role: PrimitiveRole) -> (PrimitiveJudgement, StrengthJudgement?)? {
        guard let hash = info.hash ?? info.components.first(where: { HashOutput.bits[$0] != nil }) else { return nil }
        return (primitive(hash, role: role), HashOutput.bits[hash].flatMap { strength(.hash, size: $0) })
    }

    /// The weakest of several strength judgements (the one furthest from acceptable).
    static func weakest(_ strengths: [StrengthJudgement?]) -> StrengthJudgement? {
        strengths.compactMap { $0 }.min { $0.strengthBits < $1.strengthBits }
    }
}
