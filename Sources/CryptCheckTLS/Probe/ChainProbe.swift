import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// Certificate chains: one per certificate type, TLS 1.3 through a full handshake.
extension TLSScanner {
    /// A chain's facts, and what verifying it against the trust store and the host name showed.
    func chain(_ ders: [[UInt8]], failures: inout [ProbeFailure]) -> CertificateChain {
        var certificates: [CertificateFacts] = []
        for der in ders {
            do {
                certificates.append(try CertificateReader.facts(der: der))
            } catch {
                failures.append(ProbeFailure("certificate from the server could not be read: ", wrapping: error))
            }
        }
        var chain = CertificateChain(certificates: certificates)
        if certificates.count == ders.count, !certificates.isEmpty { chain.order = ChainOrder.of(certificates) }
        do {
            let result = try ChainVerifier.verify(chain: ders, caFile: caFile, at: verificationTime)
            chain.trusted = result.trusted
            chain.trustFailure = result.reason
            chain.complete = !result.issuerMissing
            if result.issuerMissing { chain.missingIssuer = lastOnPath(certificates)?.issuer }
            if let leaf = ders.first { chain.hostnameMatches = try ChainVerifier.matches(leaf: leaf, host: serverName ?? probe.host) }
        } catch {
            failures.append(ProbeFailure("certificate chain could not be verified: ", wrapping: error))
        }
        return chain
    }

    /// The last certificate reached by following issuers from the leaf through what was sent.
    private func lastOnPath(_ certificates: [CertificateFacts]) -> CertificateFacts? {
        guard var current = certificates.first else { return nil }
        var used: Set<Int> = [0]
        while !current.isSelfSigned,
            let next = certificates.indices.first(where: { !used.contains($0) && certificates[$0].subject == current.issuer })
        {
            used.insert(next)
            current = certificates[next]
        }
        return current
    }

    /// One chain per certificate type: RSA-authenticated and ECDSA-authenticated suites apart.
    /// The suites offered were all accepted before, so anything but a ServerHello with a
    /// certificate (a reset, a refusal, an empty Certificate) is a failure, never "no chain".
    func chains(_ enumeration: SuiteEnumeration) -> (Part, [ProbeFailure]) {
        let kinds: [AuthenticationMethod] = [.ecdsa, .rsa, .dsa].filter { kind in
            enumeration.accepted.contains { $0.info?.authentication == kind }
        }
        let results = workers.map(kinds, width: width) { kind -> (CertificateChain?, [ProbeFailure]) in
            let suites = enumeration.accepted.filter { $0.info?.authentication == kind }
            let what = "\(kind.rawValue.uppercased()) certificate chain under \(enumeration.version.name)"
            switch step(spec(enumeration.version, suites: suites)) {
            case .hello(let flight) where !flight.certificates.isEmpty:
                var failures: [ProbeFailure] = []
                return (chain(flight.certificates, failures: &failures), failures)
            case .hello:
                return (nil, [ProbeFailure(.probeUnexpectedAnswer, "\(what): the server sent no certificate with suites it had accepted")])
            case .refused(let alert):
                return (
                    nil,
                    [
                        ProbeFailure(
                            .probeUnexpectedRefusal,
                            "\(what): the server refused suites it had accepted (\(alert.map { "alert \($0.name)" } ?? "closed the connection"))"
                        )
                    ]
                )
            case .failed(let reason, let code): return (nil, [ProbeFailure(code, "\(what) could not be fetched: \(reason)")])
            }
        }
        return (.chains(results.compactMap(\.0)), results.flatMap(\.1))
    }

    /// TLS 1.3 encrypts the Certificate message: a full OpenSSL handshake on our socket shows
    /// it. The signature algorithms offered pick the certificate type (ECDSA, RSA, EdDSA); the
    /// suites offered are those the server accepted (`enumeration`), not OpenSSL's defaults,
    /// which leave out e.g. the CCM suites a server may accept alone.
    func tls13Chains(_ enumeration: SuiteEnumeration?) -> (Part, [ProbeFailure]) {
        let accepted = enumeration?.accepted ?? []
        let suites = (accepted.isEmpty ? Self.suites(for: .tlsv1_3) : accepted).map(\.rawValue)
        let selections = [
            "ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512",
            "rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:rsa_pss_rsae_sha512:rsa_pss_pss_sha256:rsa_pss_pss_sha384:rsa_pss_pss_sha512",
            "ed25519:ed448",
        ]
        let results = workers.map(selections, width: width) { selection -> Result<[[UInt8]], Error> in
            Result {
                try probe.withBoundedExchange { send, receive in
                    try FullHandshake.run(
                        version: ProtocolVersion.tlsv1_3.rawValue, serverName: serverName, signatureAlgorithms: selection,
                        cipherSuites: suites, send: send, receive: receive
                    ).certificates
                }
            }
        }
        var chains: [CertificateChain] = []
        var failures: [ProbeFailure] = []
        for case .success(let ders) in results where !ders.isEmpty {
            chains.append(chain(ders, failures: &failures))
        }
        // A handshake the server refuses only means it holds no such certificate; a connection
        // that failed, or no chain at all, is a failure.
        for case .failure(let error) in results where error is ConnectionError || chains.isEmpty {
            failures.append(ProbeFailure("TLS 1.3 certificate chain: ", wrapping: error))
            if chains.isEmpty { break }
        }
        return (.chains(chains), failures)
    }
}
