import CryptCheckModel

extension TLSScanner {
    /// Insecure renegotiation (CVE-2009-3555): a hello in the highest version before TLS 1.3 with
    /// the suites the server accepted there, signalling secure renegotiation with
    /// TLS_EMPTY_RENEGOTIATION_INFO_SCSV only (no renegotiation_info extension, as an SSL 3.0
    /// client or a fallback does). A server that implements RFC 5746 must answer it with an
    /// empty renegotiation_info (RFC 5746 3.6): that is "not vulnerable"; a whole first flight
    /// without it is "vulnerable" (its renegotiations are not bound to the handshake before
    /// them); a refusal, a close or a broken flight decides nothing. The secure-renegotiation
    /// feature (the extension offered) is recorded apart, by the feature probe.
    func insecureRenegotiation(_ legacy: [SuiteEnumeration]) -> AttackProbeResult {
        let attack = ActiveAttack.insecureRenegotiation
        guard var hello = attackHello(legacy) else {
            return AttackProbeResult(
                attack: attack, verdict: .notApplicable, evidence: "no version before TLS 1.3 is accepted: TLS 1.3 has no renegotiation")
        }
        hello.renegotiationInfo = false
        hello.cipherSuites.append(.emptyRenegotiationInfoSCSV)
        let version = hello.version
        let sent = "a \(version.name) hello signalling secure renegotiation with TLS_EMPTY_RENEGOTIATION_INFO_SCSV only"
        let result = withFirstFlight(attack, hello) { flight, _ -> AttackProbeResult in
            if flight.serverHello?.extensions.contains(0xFF01) == true {
                return AttackProbeResult(
                    attack: attack, verdict: .notVulnerable,
                    evidence: "the server answered \(sent) with renegotiation_info (RFC 5746): secure renegotiation")
            }
            return AttackProbeResult(
                attack: attack, verdict: .vulnerable,
                evidence:
                    "the server answered \(sent) with a whole first flight and no renegotiation_info (RFC 5746 3.6): renegotiation is not bound to the handshake"
            )
        }
        switch result {
        case .flight(let outcome): return outcome
        case .failed(let outcome): return outcome
        }
    }
}
