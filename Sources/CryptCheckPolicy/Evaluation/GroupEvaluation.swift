import CryptCheckModel

/// Key-exchange groups and DH sizes of a TLS endpoint.
extension Judge {
    /// The groups the server picked, and whether the list is complete. A server whose DHE
    /// suites use a fixed prime negotiates no FFDHE group: not applicable (the prime itself is
    /// judged by size under dh-parameters). Groups are needed, and must have been seen, with
    /// TLS 1.3 or (EC)DHE suites.
    func groupFindings(_ endpoint: TLSEndpointObservation, accepted: [ProtocolVersion], subject: String) -> [Finding] {
        func uses(_ kinds: Set<KeyExchangeMethod>) -> Bool {
            endpoint.cipherSuites.contains {
                $0.version < .tlsv1_3 && $0.accepted.contains { $0.info.map { kinds.contains($0.keyExchange) } ?? false }
            }
        }
        let needsNamedGroups = accepted.contains(.tlsv1_3) || uses([.ecdhe, .ecdhAnon])
        guard let groups = endpoint.groups else {
            return needsNamedGroups || uses([.dhe, .dhAnon])
                ? [
                    indeterminate(
                        subject: subject, component: .group, item: "key-exchange groups",
                        reason: "key-exchange groups were not observed")
                ] : []
        }
        var findings = groups.accepted.map { groupFinding($0, subject: subject) }
        if !groups.complete {
            findings.append(
                indeterminate(
                    subject: subject, component: .group, item: "key-exchange groups",
                    reason: "group enumeration is incomplete"))
        } else if groups.accepted.isEmpty && needsNamedGroups {
            findings.append(
                indeterminate(
                    subject: subject, component: .group, item: "key-exchange groups",
                    reason: "no key-exchange group was observed, though the server accepts TLS 1.3 or ECDHE suites"))
        } else if groups.accepted.isEmpty && uses([.dhe, .dhAnon]) && groups.dheGroupSelection == nil {
            findings.append(
                indeterminate(
                    subject: subject, component: .group, item: "key-exchange groups",
                    reason: "how the server picks its DHE group was not observed"))
        }
        if groups.dheGroupSelection == .fixedPrime {
            findings.append(
                Finding(
                    subject: subject, component: .group, item: "DHE groups (RFC 7919)", list: policy.list.header.revision,
                    listStatus: .notApplicable, verdict: .notApplicable, severity: .info, evidence: .confirmed,
                    derived: false,
                    message: "the server uses a fixed DH prime for DHE suites, whatever groups the client offers: "
                        + "no group is negotiated; the prime is judged by its size (dh-parameters)"))
        }
        return findings
    }

    /// A key-exchange group: its curve or field size, and its KEM for hybrids.
    func groupFinding(_ group: NamedGroup, subject: String) -> Finding {
        let item = "\(group.name) (\(group.hex))"
        guard let info = group.info else {
            return indeterminate(subject: subject, component: .group, item: item, reason: "the group is not in the registry")
        }
        var primitives: [PrimitiveJudgement] = []
        var strength: StrengthJudgement?
        if let curve = info.curve {
            primitives.append(primitive("ecdh", role: .keyExchange, curve: curve))
            if let bits = EllipticCurve.named(curve)?.orderBits { strength = self.strength(.ecc, size: bits, curve: curve) }
        }
        if let bits = info.ffdheBits {
            primitives.append(primitive("dh", role: .keyExchange))
            strength = self.strength(.ffc, size: bits)
        }
        if let kem = info.kem { primitives.append(primitive(kem, role: .kem)) }
        if info.kind == .explicitCurves { primitives.append(primitive("ecdh", role: .keyExchange, curve: "explicit")) }
        return finding(
            subject: subject, component: .group, item: item, context: nil, primitives: primitives,
            strength: strength,
            remedy: Remedy(
                .restrictGroups,
                "Offer only groups on the list: x25519 review pending; secp256r1, secp384r1, ffdhe\(ffdheFloor)+ (acceptable without migration through the end of operation, \(policy.operationEndText)); X25519MLKEM768 hybrids where supported."
            )
        )
    }

    /// The smallest finite-field group size LS-0003 accepts without migration through the end
    /// of operation (the target of a remediation): 3072 for 128-bit strength, larger beyond.
    var ffdheFloor: Int {
        let target = policy.targetStrength ?? 128
        return policy.strength?.family(.ffc)?.rows.first { $0.strength >= target }?.size ?? 3072
    }
}
