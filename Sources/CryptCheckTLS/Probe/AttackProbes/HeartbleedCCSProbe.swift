import CryptCheckModel

/// Heartbleed (CVE-2014-0160) and CCS injection (CVE-2014-0224): each one connection that
/// stops after the server's first flight, sends what the attack sends, and reads the answer.
extension TLSScanner {
    /// The hello an active check offers: the highest version from `minimum` to TLS 1.2 with an
    /// accepted suite that `filter` keeps, offering those suites; `nil` when there is none.
    func attackHello(
        _ legacy: [SuiteEnumeration], minimum: ProtocolVersion = .sslv3, where filter: (CipherSuite) -> Bool = { _ in true }
    ) -> ClientHelloSpec? {
        for enumeration in legacy.reversed() where enumeration.version >= minimum && enumeration.version < .tlsv1_3 {
            let suites = enumeration.accepted.filter(filter)
            if !suites.isEmpty { return spec(enumeration.version, suites: suites) }
        }
        return nil
    }

    /// The payload length the over-long heartbeat request claims, and what it carries.
    static let heartbeatClaimed = 1024
    static let heartbeatCarried = 1
    /// The payload of the well-formed request sent after it.
    static let heartbeatWellFormed = 16

    /// Heartbleed: the heartbeat extension (RFC 6520) offered; if the server offers it back, two
    /// HeartbeatRequests after its first flight: one carrying 1 byte and claiming 1024, then a
    /// well-formed one of 16. A response to the first with more bytes than it carried is the
    /// over-read; a fixed server discards the first silently (RFC 6520 4) and answers the
    /// second with exactly its 16 bytes. Only sizes are kept, never the bytes.
    func heartbleed(_ legacy: [SuiteEnumeration]) -> AttackProbeResult {
        guard var hello = attackHello(legacy, minimum: .tlsv1_0) else {
            return AttackProbeResult(
                attack: .heartbleed, verdict: .notApplicable,
                evidence: "no version from TLS 1.0 to TLS 1.2 is accepted: the heartbeat extension is negotiated in their hellos only")
        }
        hello.extraExtensions = [(type: 15, body: [1])]  // heartbeat: peer_allowed_to_send
        let version = hello.version
        let result = withFirstFlight(.heartbleed, hello) { flight, reader -> AttackProbeResult in
            guard flight.serverHello?.extensions.contains(15) == true else {
                return AttackProbeResult(
                    attack: .heartbleed, verdict: .notApplicable,
                    evidence: "the server did not offer the heartbeat extension back in its \(version.name) ServerHello")
            }
            let claimed = Self.heartbeatClaimed, carried = Self.heartbeatCarried, wellFormed = Self.heartbeatWellFormed
            let overLong: [UInt8] = [1, UInt8(claimed >> 8), UInt8(claimed & 0xFF)] + [UInt8](repeating: 0x42, count: carried + 16)
            let normal: [UInt8] = [1, 0, UInt8(wellFormed)] + HandshakeProbe.randomBytes(wellFormed + 16)
            try reader.connection.send(
                Self.record(24, version: version, overLong) + Self.record(24, version: version, normal), deadline: reader.deadline)
            let sent = "a request carrying \(carried) byte and claiming \(claimed), then a well-formed one of \(wellFormed)"
            switch try reader.answer(interesting: [24]) {
            case .record(let record):
                guard record.payload.count >= 3, record.payload[0] == 2 else {
                    return AttackProbeResult(
                        attack: .heartbleed, verdict: .couldNotTest,
                        evidence:
                            "after \(sent), the server sent a heartbeat record that is not a response (\(record.payload.count) bytes)",
                        code: .probeUnexpectedAnswer)
                }
                let length = Int(record.payload[1]) << 8 | Int(record.payload[2])
                let returned = record.payload.count - 3
                if length == wellFormed && returned <= wellFormed + 16 + 16 {
                    return AttackProbeResult(
                        attack: .heartbleed, verdict: .notVulnerable,
                        evidence:
                            "after \(sent), the over-long request got no response and the well-formed one was answered with its \(wellFormed) bytes"
                    )
                }
                guard returned > carried + 16 else {
                    return AttackProbeResult(
                        attack: .heartbleed, verdict: .notVulnerable,
                        evidence: "after \(sent), the heartbeat response carried \(returned) bytes, no more than the request")
                }
                return AttackProbeResult(
                    attack: .heartbleed, verdict: .vulnerable,
                    evidence:
                        "after \(sent), the server sent a heartbeat response of \(returned) bytes (payload length \(length)) to a request carrying \(carried + 16): \(returned - carried - 16) bytes of its memory; the bytes were not kept"
                )
            case .alert(let alert):
                return AttackProbeResult(
                    attack: .heartbleed, verdict: .notVulnerable,
                    evidence: "after \(sent), the server sent alert \(alert.name) (\(alert.description)) and no heartbeat response")
            case .closed:
                return AttackProbeResult(
                    attack: .heartbleed, verdict: .couldNotTest,
                    evidence: "after \(sent), the connection closed without an alert or a heartbeat response", code: .probeSilentClose)
            case .timedOut:
                return AttackProbeResult(
                    attack: .heartbleed, verdict: .couldNotTest,
                    evidence: "after \(sent), no heartbeat response came before the timeout, not even to the well-formed request",
                    code: .connectionTimeout)
            }
        }
        switch result {
        case .flight(let outcome): return outcome
        case .failed(let outcome): return outcome
        }
    }

    /// CCS injection: after the server's first flight, a ChangeCipherSpec before any key
    /// exchange, then a 40-byte handshake record where the Finished would be. A fixed server
    /// refuses the early ChangeCipherSpec (unexpected_message); a vulnerable one takes keys
    /// from no key exchange and fails to decrypt the next record (bad_record_mac,
    /// decryption_failed): the decision sslyze and testssl.sh make.
    func ccsInjection(_ legacy: [SuiteEnumeration]) -> AttackProbeResult {
        guard let hello = attackHello(legacy) else {
            return AttackProbeResult(
                attack: .ccsInjection, verdict: .notApplicable,
                evidence: "no version before TLS 1.3 is accepted: TLS 1.3 has no ChangeCipherSpec in its key schedule")
        }
        let version = hello.version
        let result = withFirstFlight(.ccsInjection, hello) { _, reader -> AttackProbeResult in
            try reader.connection.send(
                Self.record(20, version: version, [1]) + Self.record(22, version: version, HandshakeProbe.randomBytes(40)),
                deadline: reader.deadline)
            let sent = "a ChangeCipherSpec right after the \(version.name) ServerHelloDone, then a 40-byte handshake record"
            switch try reader.answer() {
            case .alert(let alert) where alert.description == 20 || alert.description == 21:
                return AttackProbeResult(
                    attack: .ccsInjection, verdict: .vulnerable,
                    evidence:
                        "after \(sent), the server answered \(alert.name) (\(alert.description)): it took the early ChangeCipherSpec and decrypted the next record with keys from no key exchange"
                )
            case .alert(let alert):
                return AttackProbeResult(
                    attack: .ccsInjection, verdict: .notVulnerable,
                    evidence: "after \(sent), the server refused with alert \(alert.name) (\(alert.description))")
            case .closed:
                return AttackProbeResult(
                    attack: .ccsInjection, verdict: .couldNotTest,
                    evidence: "after \(sent), the connection closed without an alert", code: .probeSilentClose)
            case .timedOut, .record:
                return AttackProbeResult(
                    attack: .ccsInjection, verdict: .couldNotTest,
                    evidence: "after \(sent), no alert came before the timeout", code: .connectionTimeout)
            }
        }
        switch result {
        case .flight(let outcome): return outcome
        case .failed(let outcome): return outcome
        }
    }
}
