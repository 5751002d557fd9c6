import CryptCheckModel
import Foundation

/// One step of an enumeration, and whether its answer is definite.
///
/// A fatal alert is a refusal. A connection closed or reset right after the ClientHello,
/// without an alert, is a refusal only from a server that refuses that way: many servers and
/// middleboxes hang up on a hello they cannot take, but on a server that refuses with alerts,
/// a silent hang-up is a transient fault (a reset, a restart), and reading it as "refused"
/// would end an enumeration early and drop what the server does accept.
extension TLSScanner {
    /// The reason a step gets when the server hung up without an alert and refuses other
    /// hellos with alerts.
    static let silentCloseReason =
        "the server closed the connection without an alert, "
        + "though it refuses other hellos with an alert: not a definite refusal"

    /// Runs `spec` and settles the outcome (see `settle`).
    func step(_ spec: ClientHelloSpec) -> HandshakeOutcome {
        settle(spec, after: probe.run(spec))
    }

    /// A ServerHello or an alert stands. A silent hang-up is tried again (`--retries` times);
    /// if it persists it is a refusal when the server also hangs up silently on a hello it can
    /// never accept, and otherwise a failure.
    func settle(_ spec: ClientHelloSpec, after first: HandshakeOutcome) -> HandshakeOutcome {
        var outcome = first
        var attempt = 0
        while case .refused(nil) = outcome, attempt < probe.retries {
            attempt += 1
            probe.clock.sleep(for: HandshakeProbe.backoff(attempt))
            outcome = probe.run(spec)
        }
        guard case .refused(nil) = outcome else { return outcome }
        return refusesSilently(like: spec) ? outcome : .failed(Self.silentCloseReason, code: .probeSilentClose)
    }

    /// Whether the server hangs up without an alert on the same hello offering only
    /// TLS_NULL_WITH_NULL_NULL, which no server may choose (RFC 5246 A.5): then hanging up is
    /// how it refuses.
    func refusesSilently(like spec: ClientHelloSpec) -> Bool {
        var control = spec
        control.cipherSuites = [CipherSuite(0x0000)]
        control.fallbackSCSV = false
        if case .refused(nil) = probe.run(control) { return true }
        return false
    }
}
