import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// Signature schemes: TLS 1.2 from the ServerKeyExchange, TLS 1.3 one scheme at a time.
extension TLSScanner {
    /// TLS 1.2: the schemes the server signs its (EC)DHE parameters with. The ServerKeyExchange
    /// names the scheme, so all remaining schemes are offered and the one used is removed,
    /// until the server refuses. Each hello first allows any certificate chain through
    /// signature_algorithms_cert; a server that refuses that (OpenSSL does when its chain is
    /// signed with a hash it no longer allows, such as SHA-1 or MD5) is asked again without it.
    /// A server that completes handshakes always signs with something, so an empty result is
    /// never complete.
    func enumerateSchemes(tls12 enumeration: SuiteEnumeration) -> (Part, [ProbeFailure]) {
        let signed = enumeration.accepted.filter {
            $0.info?.signsKeyExchange ?? false
        }
        guard enumeration.version == .tlsv1_2, !signed.isEmpty else { return (.schemes(nil), []) }
        var remaining = ClientHelloSpec.defaultSignatureSchemes
        var accepted: [SignatureScheme] = []
        var failure: ProbeFailure?
        var allowEveryChain = true
        chain: while !remaining.isEmpty {
            var hello = ClientHelloSpec(version: .tlsv1_2, cipherSuites: signed, serverName: serverName)
            hello.signatureSchemes = remaining
            let outcome = runAllowingEveryChain(hello, first: allowEveryChain)
            if case .hello = outcome.outcome { allowEveryChain = outcome.allowedEveryChain }
            switch outcome.outcome {
            case .hello(let flight):
                guard let scheme = flight.keyExchange?.signatureScheme else {
                    failure = ProbeFailure(.probeUnexpectedAnswer, "signature schemes (TLS 1.2): the ServerKeyExchange names no scheme")
                    break chain
                }
                guard let index = remaining.firstIndex(of: scheme) else {
                    // A server that ignores the client's list still shows what it signs with.
                    if !accepted.contains(scheme) { accepted.append(scheme) }
                    break chain
                }
                accepted.append(scheme)
                remaining.remove(at: index)
            case .refused:
                break chain
            case .failed(let reason, let code):
                failure = ProbeFailure(code, "signature schemes (TLS 1.2): \(reason)")
                break chain
            }
        }
        if accepted.isEmpty && failure == nil {
            failure = ProbeFailure(
                .probeUnexpectedRefusal,
                "signature schemes (TLS 1.2): the server accepts signed (EC)DHE suites but refused every hello "
                    + "offering signature schemes (with and without signature_algorithms_cert), so what it signs with is unknown")
        }
        return (.schemes(SchemeEnumeration(version: .tlsv1_2, accepted: accepted, complete: failure == nil)), failure.map { [$0] } ?? [])
    }

    /// Runs `hello`, first (when `first`) with signature_algorithms_cert allowing every scheme
    /// for the chain, and again without that extension if the server refuses; says which way
    /// the outcome was reached.
    func runAllowingEveryChain(_ hello: ClientHelloSpec, first: Bool) -> (outcome: HandshakeOutcome, allowedEveryChain: Bool) {
        var hello = hello
        if first {
            hello.certificateSignatureSchemes = ClientHelloSpec.defaultSignatureSchemes
            let outcome = probe.run(hello)
            guard case .refused = outcome else { return (outcome, true) }
        }
        hello.certificateSignatureSchemes = nil
        return (probe.run(hello), false)
    }

    /// Whether RFC 8446 (4.2.3) lets `scheme` sign a TLS 1.3 handshake: not RSASSA-PKCS1-v1_5,
    /// DSA, or MD5, SHA-1 and SHA-224, which it allows only in certificates. Only these are
    /// asked again without signature_algorithms_cert, to keep the extra connections few.
    static func signsTLS13Handshakes(_ scheme: SignatureScheme) -> Bool {
        guard let info = scheme.info else { return false }
        let legacyHash = info.hash.map { ["md5", "sha-1", "sha-224"].contains($0.rawValue) } ?? false
        return !legacyHash && !info.components.contains { $0 == "rsassa-pkcs1-v1_5" || $0 == "dsa" }
    }

    /// Offers each candidate scheme on its own (side by side) and collects those `probe` says yes to.
    private func enumerateSchemes(
        _ version: ProtocolVersion, candidates: [SignatureScheme],
        probe: @escaping @Sendable (SignatureScheme) -> ProbeStatus
    ) -> (Part, [ProbeFailure]) {
        let results = workers.map(candidates, width: width, probe)
        var failures = zip(candidates, results).compactMap { scheme, status -> ProbeFailure? in
            guard case .failed(let reason, let code) = status else { return nil }
            return ProbeFailure(code ?? .unknown, "signature scheme \(scheme.name) (\(version.name)): \(reason)")
        }
        let accepted = zip(candidates, results).filter { $0.1 == .yes }.map(\.0)
        if accepted.isEmpty && failures.isEmpty {
            // The version was accepted, so the server signs with something: not enumerating it
            // leaves the list incomplete, never empty and complete.
            failures.append(
                ProbeFailure(
                    .probeUnexpectedRefusal,
                    "signature schemes (\(version.name)): the server refused every scheme offered alone, "
                        + "so what it signs with is unknown"))
        }
        return (.schemes(SchemeEnumeration(version: version, accepted: accepted, complete: failures.isEmpty)), failures)
    }

    /// TLS 1.3: CertificateVerify is encrypted, but a server that cannot sign with any scheme
    /// offered refuses before its ServerHello. So each scheme is offered alone (with every
    /// scheme allowed for the certificate chain, and, for a scheme TLS 1.3 handshakes may use,
    /// again without signature_algorithms_cert if the server refuses that), and a ServerHello
    /// means the server signs with it.
    func enumerateSchemesTLS13() -> (Part, [ProbeFailure]) {
        let candidates = ClientHelloSpec.defaultSignatureSchemes.filter { $0.info?.versions.contains(.tlsv1_3) == true }
        return enumerateSchemes(.tlsv1_3, candidates: candidates) { scheme in
            func attempt(allowingEveryChain: Bool) -> HandshakeOutcome {
                var hello = spec(.tlsv1_3, suites: Self.suites(for: .tlsv1_3))
                hello.signatureSchemes = [scheme]
                if allowingEveryChain { hello.certificateSignatureSchemes = ClientHelloSpec.defaultSignatureSchemes }
                let outcome = probe.run(hello)
                // A HelloRetryRequest comes before the server picks its certificate: answer it
                // with a key share for the group it asks for, and look at the ServerHello then.
                guard case .hello(let flight) = outcome, let retry = flight.serverHello, retry.isHelloRetryRequest else {
                    return outcome
                }
                guard let group = retry.keyShareGroup, KeyShare.publicValue(for: group) != nil else {
                    return .failed("the server wants a key share for a group the scanner cannot offer", code: .probeCannotOffer)
                }
                hello.keyShareGroups = [group]
                return probe.run(hello)
            }
            var outcome = attempt(allowingEveryChain: true)
            if case .refused = outcome, Self.signsTLS13Handshakes(scheme) { outcome = attempt(allowingEveryChain: false) }
            switch outcome {
            case .hello(let flight) where flight.serverHello?.isHelloRetryRequest == false: return .yes
            case .failed(let reason, let code): return .failed(reason: reason, code: code)
            default: return .no
            }
        }
    }
}
