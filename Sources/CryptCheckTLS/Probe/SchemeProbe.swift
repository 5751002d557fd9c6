import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// Signature schemes: TLS 1.2 from the ServerKeyExchange, TLS 1.3 one scheme at a time.
extension TLSScanner {
    /// TLS 1.2: the schemes the server signs its (EC)DHE parameters with. The ServerKeyExchange
    /// names the scheme, so all remaining schemes are offered and the one used is removed,
    /// until the server refuses (any certificate chain stays allowed).
    func enumerateSchemes(tls12 enumeration: SuiteEnumeration) -> (Part, [String]) {
        let signed = enumeration.accepted.filter {
            guard let info = $0.info else { return false }
            return info.hasForwardSecrecy && info.authentication != .anonymous
        }
        guard enumeration.version == .tlsv1_2, !signed.isEmpty else { return (.schemes(nil), []) }
        var remaining = ClientHelloSpec.defaultSignatureSchemes
        var accepted: [SignatureScheme] = []
        var failure: String?
        chain: while !remaining.isEmpty {
            var hello = ClientHelloSpec(version: .tlsv1_2, cipherSuites: signed, serverName: serverName)
            hello.signatureSchemes = remaining
            hello.certificateSignatureSchemes = ClientHelloSpec.defaultSignatureSchemes
            switch probe.run(hello) {
            case .hello(let flight):
                guard let scheme = flight.keyExchange?.signatureScheme else {
                    failure = "signature schemes (TLS 1.2): the ServerKeyExchange names no scheme"
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
            case .failed(let reason):
                failure = "signature schemes (TLS 1.2): \(reason)"
                break chain
            }
        }
        return (.schemes(SchemeEnumeration(version: .tlsv1_2, accepted: accepted, complete: failure == nil)), failure.map { [$0] } ?? [])
    }

    /// Offers each candidate scheme on its own (side by side) and collects those `probe` says yes to.
    private func enumerateSchemes(_ version: ProtocolVersion, candidates: [SignatureScheme],
                                  probe: @escaping @Sendable (SignatureScheme) -> ProbeStatus) -> (Part, [String]) {
        let results = Parallel.map(candidates, width: width, probe)
        let failures = zip(candidates, results).compactMap { scheme, status -> String? in
            guard case .failed(let reason) = status else { return nil }
            return "signature scheme \(scheme.name) (\(version.name)): \(reason)"
        }
        let accepted = zip(candidates, results).filter { $0.1 == .yes }.map(\.0)
        return (.schemes(SchemeEnumeration(version: version, accepted: accepted, complete: failures.isEmpty)), failures)
    }

    /// TLS 1.3: CertificateVerify is encrypted, but a server that cannot sign with any scheme
    /// offered refuses before its ServerHello. So each scheme is offered alone (with every
    /// scheme allowed for the certificate chain), and a ServerHello means the server signs
    /// with it.
    func enumerateSchemesTLS13() -> (Part, [String]) {
        let candidates = ClientHelloSpec.defaultSignatureSchemes.filter { $0.info?.versions.contains(.tlsv1_3) == true }
        return enumerateSchemes(.tlsv1_3, candidates: candidates) { scheme in
            var hello = spec(.tlsv1_3, suites: Self.suites(for: .tlsv1_3))
            hello.signatureSchemes = [scheme]
            hello.certificateSignatureSchemes = ClientHelloSpec.defaultSignatureSchemes
            var outcome = probe.run(hello)
            // A HelloRetryRequest comes before the server picks its certificate: answer it with
            // a key share for the group it asks for, and look at the ServerHello then.
            if case .hello(let flight) = outcome, let retry = flight.serverHello, retry.isHelloRetryRequest {
                guard let group = retry.keyShareGroup, KeyShare.publicValue(for: group) != nil else {
                    return .failed(reason: "the server wants a key share for a group the scanner cannot offer")
                }
                hello.keyShareGroups = [group]
                outcome = probe.run(hello)
            }
            switch outcome {
            case .hello(let flight) where flight.serverHello?.isHelloRetryRequest == false: return .yes
            case .failed(let reason): return .failed(reason: reason)
            default: return .no
            }
        }
    }

    /// Each distinct DH prime the server used, with its size and, if it is one, the name of the
    /// well-known group (RFC 7919, RFC 3526, RFC 5114) it matches.
}
