import CryptCheckModel
import CryptCheckOpenSSL

extension TLSScanner {
    /// How long the TLS POODLE check waits after the record with the malformed padding before
    /// it sends its close_notify: a server that checks padding refuses the record at once.
    static let paddingAnswerWait: Duration = .milliseconds(300)

    /// POODLE against TLS (CVE-2014-8730: implementations that check the MAC of a CBC record
    /// but not its padding, as SSL 3.0 allowed): a full handshake in the highest version from
    /// TLS 1.0 to TLS 1.2 with the CBC-HMAC suites the server accepted there, then an empty
    /// application-data record with a valid MAC and every padding byte but the length wrong,
    /// then a close_notify (`CBCPaddingCheck`). bad_record_mac (or TLS 1.0's
    /// decryption_failed) is "not vulnerable"; the server's close_notify in answer to the
    /// client's, the records being taken in order, shows it took the malformed one: "vulnerable".
    /// Anything else (another alert, a close without one, a close_notify of its own before the
    /// client's, a failed handshake) could not test.
    func tlsPoodle(_ legacy: [SuiteEnumeration]) -> AttackProbeResult {
        let attack = ActiveAttack.tlsPoodle
        guard let hello = attackHello(legacy, minimum: .tlsv1_0, where: { $0.info?.mode == .cbc && $0.info?.mac?.primitive == "hmac" })
        else {
            return prerequisiteAbsent(
                attack, legacy, minimum: .tlsv1_0,
                "no CBC suite with HMAC is accepted from TLS 1.0 to TLS 1.2: there is no CBC padding to check")
        }
        let outcome: CBCPaddingCheck.Outcome
        do {
            outcome = try paddingCheck(hello, flaw: .padding)
        } catch {
            return AttackProbeResult(
                attack: attack, verdict: .couldNotTest,
                evidence: "the \(hello.version.name) handshake before the malformed record, or the answer to it, failed: \(error)",
                code: ErrorCode.of(error))
        }
        let version = ProtocolVersion(rawValue: outcome.version).name
        let suite = CipherSuite(rawValue: outcome.suite)
        let sent =
            "after a full \(version) handshake with \(suite.info?.ianaName ?? suite.description), an empty application-data record with a valid MAC and \(outcome.malformedBytes) padding bytes wrong (the length byte right)"
        let greeting =
            outcome.applicationBytes > 0 ? " (\(outcome.applicationBytes) bytes of the server's own application data were dropped)" : ""
        switch outcome.answer {
        case .alert(let code, let after) where code == 20 || code == 21:
            let name = Alert(level: 2, description: code).name
            return AttackProbeResult(
                attack: attack, verdict: .notVulnerable,
                evidence:
                    "\(sent) was refused with \(name)\(after ? " (after the close_notify that followed it)" : ""): the padding is checked\(greeting)"
            )
        case .alert(let code, _):
            return AttackProbeResult(
                attack: attack, verdict: .couldNotTest,
                evidence:
                    "\(sent) was answered with alert \(Alert(level: 2, description: code).name), which is not a refusal of the record\(greeting)",
                code: .probeUnexpectedAnswer)
        case .closeNotifyAfterOurs:
            // The control: the same, with the MAC wrong and the padding right. A server that
            // refuses it with an alert checks records, and took the malformed padding; one that
            // answers it the same way shows nothing by its answer.
            let control: CBCPaddingCheck.Answer
            do {
                control = try paddingCheck(hello, flaw: .mac).answer
            } catch {
                return AttackProbeResult(
                    attack: attack, verdict: .couldNotTest,
                    evidence: "\(sent) was taken, but the control (a record with a wrong MAC) failed: \(error)", code: ErrorCode.of(error))
            }
            guard case .alert(let code, _) = control, code == 20 || code == 21 else {
                return AttackProbeResult(
                    attack: attack, verdict: .couldNotTest,
                    evidence:
                        "\(sent) was answered with a close_notify, but so was the control, a record with a wrong MAC and right padding (\(control.words)): the answer does not tell a taken record from a refused one",
                    code: .probeInconsistent)
            }
            return AttackProbeResult(
                attack: attack, verdict: .vulnerable,
                evidence:
                    "\(sent) was taken: the server answered the close_notify sent after it with its own, records being read in order, while it refused a record with a wrong MAC with \(Alert(level: 2, description: code).name)\(greeting)"
            )
        case .closeNotifyBeforeOurs:
            return AttackProbeResult(
                attack: attack, verdict: .couldNotTest,
                evidence:
                    "\(sent) was followed by the server's own close_notify, before the client's: it ended the connection on its own\(greeting)",
                code: .probeUnexpectedAnswer)
        case .closed(let after):
            return AttackProbeResult(
                attack: attack, verdict: .couldNotTest,
                evidence:
                    "\(sent) was followed by a close without an alert\(after ? ", after the client's close_notify" : ""): a refusal and a taking look alike\(greeting)",
                code: .probeSilentClose)
        case .unreadable(let why):
            return AttackProbeResult(
                attack: attack, verdict: .couldNotTest, evidence: "\(sent) was answered with records that could not be read: \(why)",
                code: .probeUnexpectedAnswer)
        }
    }
}

extension CBCPaddingCheck.Answer {
    /// The answer in words, for evidence.
    var words: String {
        switch self {
        case .alert(let code, _): "alert \(Alert(level: 2, description: code).name)"
        case .closeNotifyAfterOurs: "a close_notify in answer to the client's"
        case .closeNotifyBeforeOurs: "a close_notify of its own"
        case .closed: "a close without an alert"
        case .unreadable(let why): "records that could not be read: \(why)"
        }
    }
}

extension TLSScanner {
    /// One run of `CBCPaddingCheck` on a connection of the endpoint's.
    func paddingCheck(_ hello: ClientHelloSpec, flaw: CBCPaddingCheck.Flaw) throws -> CBCPaddingCheck.Outcome {
        try probe.withConnection { connection, deadline in
            var reader = BoundedReceiver(connection: connection)
            return try CBCPaddingCheck.run(
                version: hello.version.rawValue, serverName: serverName, cipherSuites: hello.cipherSuites.map(\.rawValue), flaw: flaw,
                send: { try connection.send($0, deadline: deadline) }, receive: { try reader.receive(until: deadline) },
                receiveBriefly: { try reader.receiveIfAny(until: min(deadline, ContinuousClock.now + Self.paddingAnswerWait)) })
        }
    }

    /// An attack whose prerequisite suites were not among those found from `minimum` to TLS 1.2:
    /// not applicable when every enumeration there was complete; otherwise it could not be
    /// tested, since suites of the kind may be among those not found.
    func prerequisiteAbsent(
        _ attack: ActiveAttack, _ legacy: [SuiteEnumeration], minimum: ProtocolVersion, _ evidence: String
    ) -> AttackProbeResult {
        let cut = legacy.filter { $0.version >= minimum && $0.version < .tlsv1_3 && !$0.complete }
        guard let first = cut.first else { return AttackProbeResult(attack: attack, verdict: .notApplicable, evidence: evidence) }
        return AttackProbeResult(
            attack: attack, verdict: .couldNotTest,
            evidence:
                "none among the suites found, but the enumeration under \(cut.map(\.version.name).joined(separator: ", ")) was cut short (\(first.failure ?? "incomplete")): \(evidence)",
            code: first.failureCode ?? .probeInconsistent)
    }
}

/// A connection's bytes for a check that OpenSSL drives, within the probe's read limit.
struct BoundedReceiver {
    let connection: any TransportConnection
    private var received = 0

    init(connection: any TransportConnection) { self.connection = connection }

    /// The next bytes before `until` (empty: the server closed); throws on a timeout and past
    /// the read limit.
    mutating func receive(until: ContinuousClock.Instant) throws -> [UInt8] {
        let bytes = try connection.receive(deadline: until)
        received += bytes.count
        guard received <= HandshakeProbe.readLimit else {
            throw ConnectionError(.connectionOversized, "the server sent too much", transient: false)
        }
        return bytes
    }

    /// As `receive`, but `nil` when nothing came before `until`.
    mutating func receiveIfAny(until: ContinuousClock.Instant) throws -> [UInt8]? {
        do {
            return try receive(until: until)
        } catch let error as ConnectionError where error.code == .connectionTimeout {
            return nil
        }
    }
}
