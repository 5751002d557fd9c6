import CryptCheckModel
import CryptCheckOpenSSL

/// The active attack checks of an endpoint, run after the suites are known (each needs an
/// accepted suite of its kind): Heartbleed, CCS injection, ROBOT, POODLE against TLS, insecure
/// renegotiation and Ticketbleed side by side, then client-initiated renegotiation alone, after every other probe
/// of the endpoint (`lastActiveAttacks`): a server that serves one connection at a time may
/// pause after refusing a renegotiation (openssl s_server waits a second), and no other probe
/// should queue behind that pause holding connection permits the rest of a fleet needs. With
/// `activeChecks` off (`--no-active`) none of them sends anything, and each is recorded as not
/// run.
extension TLSScanner {
    func activeAttacks(_ legacy: [SuiteEnumeration]) -> [AttackProbeResult] {
        guard activeChecks else { return Self.notRun(ActiveAttack.all.filter { $0 != .clientRenegotiation }) }
        let checks: [@Sendable (TLSScanner) -> AttackProbeResult] = [
            { $0.heartbleed(legacy) }, { $0.ccsInjection(legacy) }, { $0.robot(legacy) }, { $0.tlsPoodle(legacy) },
            { $0.insecureRenegotiation(legacy) }, { $0.ticketbleed(legacy) },
        ]
        return workers.map(checks, width: width) { $0(self) }
    }

    /// The check that runs last of all the endpoint's probes: client-initiated renegotiation.
    func lastActiveAttacks(_ legacy: [SuiteEnumeration]) -> [AttackProbeResult] {
        activeChecks ? [clientRenegotiation(legacy)] : Self.notRun([.clientRenegotiation])
    }

    private static func notRun(_ attacks: [ActiveAttack]) -> [AttackProbeResult] {
        attacks.map { AttackProbeResult(attack: $0, verdict: .notRun, evidence: "active checks were turned off (--no-active)") }
    }

    /// Client-initiated renegotiation: a full handshake by OpenSSL with the suites the server
    /// accepted in the highest version from TLS 1.0 to TLS 1.2, then a renegotiation asked for
    /// by the client. Accepted is "vulnerable" (a client can make the server do handshakes at
    /// will); refused (an alert, a close) is not.
    func clientRenegotiation(_ legacy: [SuiteEnumeration]) -> AttackProbeResult {
        let attack = ActiveAttack.clientRenegotiation
        guard let hello = attackHello(legacy, minimum: .tlsv1_0) else {
            return AttackProbeResult(
                attack: attack, verdict: .notApplicable,
                evidence: "no version from TLS 1.0 to TLS 1.2 is accepted: TLS 1.3 has no renegotiation")
        }
        do {
            let outcome = try probe.withBoundedExchange { send, receive in
                try ClientRenegotiation.run(
                    version: hello.version.rawValue, serverName: serverName, cipherSuites: hello.cipherSuites.map(\.rawValue),
                    send: send, receive: receive)
            }
            switch outcome {
            case .accepted:
                return AttackProbeResult(
                    attack: attack, verdict: .vulnerable,
                    evidence: "after a full \(hello.version.name) handshake, the server completed a renegotiation the client asked for")
            case .refused(let how):
                return AttackProbeResult(
                    attack: attack, verdict: .notVulnerable,
                    evidence:
                        "after a full \(hello.version.name) handshake, the server refused a renegotiation the client asked for: \(how)")
            }
        } catch {
            return AttackProbeResult(
                attack: attack, verdict: .couldNotTest, evidence: "the handshake before the renegotiation failed: \(error)",
                code: ErrorCode.of(error))
        }
    }
}
