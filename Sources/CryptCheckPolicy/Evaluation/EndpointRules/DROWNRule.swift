import CryptCheckModel

extension EndpointRule {
    /// DROWN at the endpoint itself: SSLv2 accepted makes its RSA key an oracle. The same key at
    /// another endpoint of the scan is judged over all endpoints (`SSLv2Index`).
    static let drown = EndpointRule(
        id: "attack-drown",
        description:
            "DROWN: vulnerable when the endpoint accepts SSLv2 (its RSA key, and every TLS server that shares it, can be attacked through SSLv2); not vulnerable here when SSLv2 is refused; indeterminate when SSLv2 was not probed or the probe failed. An endpoint whose RSA key another endpoint of the scan uses with SSLv2 is judged over the whole scan",
        citation: "CVE-2016-0800 (Aviram et al., USENIX Security 2016); RFC 6176",
        scope: .handshake,
        check: { judge, endpoint in [judge.drownFinding(endpoint)] })
}

/// The endpoints of one scan that accept SSLv2, with the key each showed there: what DROWN
/// compares every other endpoint's keys with.
package struct SSLv2Index: Sendable {
    struct Entry: Sendable {
        let endpoint: String
        let key: ServerKeyFingerprint?
    }
    let entries: [Entry]

    /// The endpoints of `endpoints` that accepted SSLv2 (declared ones are not scanned).
    package init(_ endpoints: [TLSEndpointObservation]) {
        entries = endpoints.filter { $0.declared == nil && $0.acceptsSSLv2 }.map {
            Entry(endpoint: $0.endpoint, key: $0.hygiene?.sslv2ServerKey)
        }
    }

    /// The context of a finding about a key another endpoint uses with SSLv2, before its name.
    package static let sharedKeyContext = "key shared with "

    /// Whether any endpoint accepted SSLv2: then DROWN must be judged over the whole scan.
    package var isEmpty: Bool { entries.isEmpty }
}

extension TLSEndpointObservation {
    /// Whether the SSLv2 probe was answered with a SERVER-HELLO.
    package var acceptsSSLv2: Bool { versions.contains { $0.version == .sslv2 && $0.status == .yes } }
}

extension Judge {
    private var rsaTransport: [PrimitiveJudgement] { [primitive("rsaes-pkcs1-v1_5", role: .keyTransport)] }

    private var drownRemedy: Remedy {
        Remedy(.disableSSLv2, "Disable SSLv2 on every server that holds this RSA key, or give each server a key of its own.")
    }

    func drownFinding(_ endpoint: TLSEndpointObservation) -> Finding {
        let state: AttackState
        switch endpoint.versions.first(where: { $0.version == .sslv2 })?.status {
        case .yes?:
            let own = endpoint.hygiene?.serverKeys ?? []
            if let key = endpoint.hygiene?.sslv2ServerKey, own.contains(where: { $0.spkiSHA256 == key.spkiSHA256 }) {
                state = .vulnerable(
                    reason: "SSLv2 is accepted with the RSA key this endpoint also uses for TLS (SPKI SHA-256 \(key.spkiSHA256))")
            } else {
                state = .vulnerable(
                    reason: "SSLv2 is accepted: its RSA key, and every TLS server that shares it, can be attacked through SSLv2")
            }
        case .no?: state = .absent(reason: "SSLv2 is refused here")
        case .failed(_, let code)?: state = .unknown(reason: "whether SSLv2 is accepted was not observed", code: code)
        case nil: state = .unknown(reason: "SSLv2 was not probed", code: nil)
        }
        return attackFinding(.drown, subject: endpoint.endpoint, state: state, primitives: rsaTransport, remedy: drownRemedy)
    }

    /// DROWN across the scan: one finding per other endpoint that accepts SSLv2 and uses one of
    /// this endpoint's RSA keys there (a violation), or whose key or this endpoint's keys were not
    /// read (indeterminate). Nothing when no other endpoint of the scan accepts SSLv2.
    func sharedKeyFindings(_ endpoint: TLSEndpointObservation, index: SSLv2Index) -> [Finding] {
        guard endpoint.declared == nil, endpoint.noHandshakeOutcome == nil else { return [] }
        let subject = endpoint.endpoint
        let keys = endpoint.hygiene?.serverKeys
        return index.entries.filter { $0.endpoint != subject }.compactMap { other in
            let state: AttackState
            if let key = other.key {
                guard let keys else {
                    state = .unknown(
                        reason: "\(other.endpoint) accepts SSLv2, but the keys this endpoint uses were not recorded to compare", code: nil)
                    return sharedKeyFinding(subject, other: other.endpoint, state: state)
                }
                guard keys.contains(where: { $0.spkiSHA256 == key.spkiSHA256 }) else { return nil }
                state = .vulnerable(
                    reason: "its RSA key (SPKI SHA-256 \(key.spkiSHA256)) is also used by \(other.endpoint), which accepts SSLv2")
            } else {
                state = .unknown(reason: "\(other.endpoint) accepts SSLv2, but the key it uses there was not read", code: nil)
            }
            return sharedKeyFinding(subject, other: other.endpoint, state: state)
        }
    }

    private func sharedKeyFinding(_ subject: String, other: String, state: AttackState) -> Finding {
        var finding = attackFinding(.drown, subject: subject, state: state, primitives: rsaTransport, remedy: drownRemedy)
        finding.context = SSLv2Index.sharedKeyContext + other
        return finding
    }
}
