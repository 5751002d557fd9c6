import CryptCheckModel

extension EndpointRule {
    /// The attacks whose prerequisite is an accepted suite (or SSLv2 cipher kind): one finding
    /// per attack, whatever the server accepts.
    static let cipherAttacks = EndpointRule(
        id: "attack-cipher",
        description:
            "SWEET32, RC4 biases, FREAK, POODLE (SSLv3), BEAST and LUCKY13 from the accepted suites: vulnerable when a suite that gives the attack its prerequisite is accepted; not vulnerable only when every version the attack applies to was probed and each accepted one's suites were enumerated completely; otherwise indeterminate",
        citation:
            "CVE-2016-2183 (SWEET32), RFC 7465 (RC4), CVE-2015-0204 (FREAK), RFC 7568 (POODLE), RFC 7457 2.2 and 2.6 (BEAST, LUCKY13); the broken primitives' status from LS-0001",
        scope: .handshake,
        check: { judge, endpoint in judge.cipherAttackFindings(endpoint) })
}

extension Judge {
    /// The versions with TLS 1.0–1.2 record protection (and SSL 3.0's), where the suites carry
    /// the bulk cipher: TLS 1.3 has AEAD suites only.
    static let legacyVersions: [ProtocolVersion] = [.sslv3, .tlsv1_0, .tlsv1_1, .tlsv1_2]

    /// Block ciphers with 64-bit blocks (SWEET32's birthday bound, 2^32 blocks).
    static let sixtyFourBitCiphers: Set<Primitive> = ["3des", "des", "idea", "rc2", "blowfish", "cast5", "gost-28147-89", "magma"]

    func cipherAttackFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        let subject = endpoint.endpoint
        var findings: [Finding] = []
        // SWEET32: any 64-bit block cipher, in any version before TLS 1.3 or in SSLv2.
        do {
            let found = suiteAttackState(
                endpoint, versions: Self.legacyVersions, matches: { Self.sixtyFourBitCiphers.contains($0.cipher?.algorithm ?? "") },
                sslv2Matches: { Self.sixtyFourBitCiphers.contains($0.cipher?.algorithm ?? "") })
            let state =
                found.state
                ?? .vulnerable(
                    reason:
                        "64-bit block ciphers are accepted, so a birthday collision is expected after about 2^32 blocks under one key: \(Self.hitList(found.hits, kinds: found.kinds))"
                )
            findings.append(
                attackFinding(
                    .sweet32, subject: subject, state: state,
                    primitives: brokenPrimitives(found.hits, roles: [.cipher]) + kindPrimitives(found.kinds), hits: found.hits,
                    remedy: Remedy(
                        .disableCipherSuite,
                        "Disable every suite with a 64-bit block cipher (Triple DES, DES, IDEA, RC2); prefer AES-GCM or ChaCha20-Poly1305.")
                ))
        }
        // RC4 biases: any RC4 suite or kind.
        do {
            let found = suiteAttackState(
                endpoint, versions: Self.legacyVersions, matches: { $0.cipher?.algorithm == "rc4" },
                sslv2Matches: { $0.cipher?.algorithm == "rc4" })
            let state =
                found.state
                ?? .vulnerable(
                    reason:
                        "RC4 is accepted, whose keystream biases reveal repeated plaintext: \(Self.hitList(found.hits, kinds: found.kinds))"
                )
            findings.append(
                attackFinding(
                    .rc4, subject: subject, state: state,
                    primitives: brokenPrimitives(found.hits, roles: [.cipher]) + kindPrimitives(found.kinds), hits: found.hits,
                    remedy: Remedy(.disableCipherSuite, "Disable every RC4 suite (RFC 7465 prohibits them); prefer AES-GCM.")))
        }
        // FREAK: export RSA key exchange.
        do {
            let found = suiteAttackState(endpoint, versions: Self.legacyVersions, matches: { $0.isExport && $0.keyExchange == .rsa })
            let state =
                found.state
                ?? .vulnerable(
                    reason:
                        "export RSA suites are accepted, so an attacker can downgrade to a 512-bit RSA key exchange: \(Self.hitList(found.hits))"
                )
            findings.append(
                attackFinding(
                    .freak, subject: subject, state: state, primitives: brokenPrimitives(found.hits, roles: [.keyTransport, .cipher]),
                    hits: found.hits, remedy: Remedy(.disableCipherSuite, "Disable every export suite.")))
        }
        // POODLE: CBC under SSL 3.0, whose padding is not covered by the MAC.
        do {
            let found = suiteAttackState(endpoint, versions: [.sslv3], matches: { $0.mode == .cbc })
            let state =
                found.state
                ?? .vulnerable(
                    reason: "SSL 3.0 is accepted with CBC suites, whose padding the MAC does not cover: \(Self.hitList(found.hits))")
            findings.append(
                attackFinding(
                    .poodle, subject: subject, state: state, primitives: brokenPrimitives(found.hits, roles: [.mode, .cipher]),
                    hits: found.hits, remedy: Remedy(.disableProtocolVersion, "Disable SSL 3.0 (RFC 7568).")))
        }
        // BEAST: CBC with the previous record's last block as IV (SSL 3.0, TLS 1.0).
        do {
            let found = suiteAttackState(endpoint, versions: [.sslv3, .tlsv1_0], matches: { $0.mode == .cbc })
            let state =
                found.state
                ?? .vulnerable(
                    reason: "CBC suites are accepted under SSL 3.0 or TLS 1.0, whose IVs are predictable: \(Self.hitList(found.hits))")
            findings.append(
                attackFinding(
                    .beast, subject: subject, state: state, primitives: brokenPrimitives(found.hits, roles: [.mode, .cipher]),
                    hits: found.hits,
                    remedy: Remedy(.disableProtocolVersion, "Disable SSL 3.0 and TLS 1.0; accept TLS 1.2 and TLS 1.3 only.")))
        }
        // LUCKY13: CBC with HMAC, MAC-then-encrypt: a padding timing side channel.
        do {
            let found = suiteAttackState(
                endpoint, versions: Self.legacyVersions, matches: { $0.mode == .cbc && $0.mac?.primitive == "hmac" })
            let etm = endpoint.features.first { $0.feature == .encryptThenMAC }?.status == .yes
            let hits = Self.hitList(found.hits)
            // A timing side channel of the implementation: accepted CBC-HMAC suites expose the
            // server to it, but whether its padding check is constant-time is not observable.
            let unobservable = "whether the server checks CBC padding in constant time cannot be observed by a scan"
            let exposed: AttackState =
                etm
                ? .exposed(
                    reason:
                        "CBC suites with HMAC are accepted; encrypt-then-MAC is negotiated, but a client that does not offer it gets MAC-then-encrypt: \(hits)",
                    unobservable: unobservable)
                : .exposed(
                    reason: "CBC suites with HMAC are accepted, MAC-then-encrypt, whose padding check may leak through timing: \(hits)",
                    unobservable: unobservable)
            let state = found.state ?? exposed
            findings.append(
                attackFinding(
                    .lucky13, subject: subject, state: state, primitives: brokenPrimitives(found.hits, roles: [.mode, .mac, .macHash]),
                    hits: found.hits,
                    remedy: Remedy(.disableCipherSuite, "Prefer AEAD suites (AES-GCM, ChaCha20-Poly1305) and disable the CBC suites.")))
        }
        return findings
    }

    /// The ciphers of SSLv2 cipher kinds, each once.
    func kindPrimitives(_ kinds: [SSLv2CipherKindInfo]) -> [PrimitiveJudgement] {
        var seen = Set<String>()
        return kinds.compactMap { kind in
            guard let cipher = kind.cipher, seen.insert("\(cipher.algorithm.rawValue) \(cipher.keyBits)").inserted else { return nil }
            return primitive(cipher.algorithm, role: .cipher, keyBits: cipher.keyBits)
        }
    }
}
