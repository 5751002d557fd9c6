import CryptCheckModel
import CryptCheckOpenSSL

extension TLSScanner {
    /// The session ID Ticketbleed offers with the ticket: shorter than 32 bytes (what the flaw
    /// needs), long enough that a fresh session ID beginning with it cannot happen by chance.
    static let ticketbleedSessionIDLength = 16

    /// Ticketbleed (CVE-2016-9244, F5 BIG-IP): a server that resumes a session by its ticket
    /// echoes the client's session ID, but the flawed one copies 32 bytes whatever the length
    /// the client sent, the rest from its memory. First a full handshake by OpenSSL in the
    /// highest version from TLS 1.0 to TLS 1.2, with the suites the server accepted there, to
    /// get a ticket (none issued: not applicable); then a hello offering that ticket with a
    /// random 16-byte session ID. A ServerHello whose session ID is longer and begins with the
    /// 16 bytes sent is "vulnerable" (only the count of extra bytes is kept, never them); the
    /// 16 bytes echoed exactly is "not vulnerable"; anything else (a fresh session ID: the
    /// ticket was not taken, an alert, a close) could not test, since resumption by the ticket
    /// is where the flaw is.
    func ticketbleed(_ legacy: [SuiteEnumeration]) -> AttackProbeResult {
        let attack = ActiveAttack.ticketbleed
        guard var hello = attackHello(legacy, minimum: .tlsv1_0) else {
            return AttackProbeResult(
                attack: attack, verdict: .notApplicable,
                evidence: "no version from TLS 1.0 to TLS 1.2 is accepted: TLS 1.3 resumes without a session ID echo")
        }
        let version = hello.version
        let session: SessionHandshake.Outcome
        do {
            session = try sessionHandshake(hello)
        } catch {
            return AttackProbeResult(
                attack: attack, verdict: .couldNotTest, evidence: "the full \(version.name) handshake to get a ticket failed: \(error)",
                code: ErrorCode.of(error))
        }
        guard let ticket = session.ticket else {
            return AttackProbeResult(
                attack: attack, verdict: .notApplicable,
                evidence: "the server issued no session ticket in a full \(version.name) handshake: there is no ticket to resume by")
        }
        let sent = HandshakeProbe.randomBytes(Self.ticketbleedSessionIDLength)
        hello.sessionID = sent
        hello.sessionTicket = ticket
        let offered = "a \(version.name) hello offering the server's ticket with a session ID of \(sent.count) bytes"
        do {
            let echoed: [UInt8]? = try probe.withConnection { connection, deadline in
                try connection.send(ClientHelloBuilder.record(hello, random: HandshakeProbe.randomBytes(64)), deadline: deadline)
                var reader = RecordReader(connection: connection, deadline: deadline)
                return try Self.serverHelloSessionID(&reader)
            }
            guard let echoed else {
                return AttackProbeResult(
                    attack: attack, verdict: .couldNotTest, evidence: "\(offered) was answered without a ServerHello",
                    code: .probeUnexpectedRefusal)
            }
            if echoed.count > sent.count, echoed.starts(with: sent) {
                return AttackProbeResult(
                    attack: attack, verdict: .vulnerable,
                    evidence:
                        "\(offered) was answered with a session ID of \(echoed.count) bytes beginning with those sent: \(echoed.count - sent.count) bytes came back that were never sent (not kept)"
                )
            }
            if echoed == sent {
                return AttackProbeResult(
                    attack: attack, verdict: .notVulnerable,
                    evidence: "\(offered) was answered with exactly those \(sent.count) bytes: the session ID echoed as sent")
            }
            return AttackProbeResult(
                attack: attack, verdict: .couldNotTest,
                evidence:
                    "\(offered) was answered with a session ID of \(echoed.count) bytes not beginning with those sent: the server did not resume by the ticket, where the flaw would show",
                code: .probeUnexpectedAnswer)
        } catch let error as TLSParseError {
            return AttackProbeResult(attack: attack, verdict: .couldNotTest, evidence: "malformed answer: \(error)", code: error.code)
        } catch {
            return AttackProbeResult(
                attack: attack, verdict: .couldNotTest, evidence: "\(offered) got no answer: \(error)", code: ErrorCode.of(error))
        }
    }

    /// A full handshake by OpenSSL with `hello`'s version and suites, on a connection of the
    /// endpoint's (its deadline, its read limit), offering `resuming` when given; `tickets` false
    /// asks for none. `waitForTicket`: under TLS 1.3, what comes after the handshake is read
    /// for `ticketWait` at most, for the NewSessionTicket.
    func sessionHandshake(
        _ hello: ClientHelloSpec, alpn: [String] = [], resuming: [UInt8]? = nil, tickets: Bool = true, waitForTicket: Bool = false
    ) throws -> SessionHandshake.Outcome {
        try probe.withConnection { connection, deadline in
            var reader = BoundedReceiver(connection: connection)
            let after: (() throws -> [UInt8])? =
                waitForTicket ? { try reader.receiveIfAny(until: min(deadline, ContinuousClock.now + Self.ticketWait)) ?? [] } : nil
            return try SessionHandshake.run(
                version: hello.version.rawValue, serverName: serverName, cipherSuites: hello.cipherSuites.map(\.rawValue), alpn: alpn,
                resuming: resuming, tickets: tickets, send: { try connection.send($0, deadline: deadline) },
                receive: { try reader.receive(until: deadline) }, afterHandshake: after)
        }
    }

    /// The session ID of the ServerHello that begins the server's answer; `nil` when the answer
    /// is an alert or a close before one. Handshake records are joined until the ServerHello is
    /// whole; what follows it is not read.
    static func serverHelloSessionID(_ reader: inout RecordReader) throws -> [UInt8]? {
        var handshake: [UInt8] = []
        while let record = try reader.next() {
            guard record.type == 22 else { return nil }
            handshake += record.payload
            guard handshake.count >= 4 else { continue }
            guard handshake[0] == 2 else {
                throw TLSParseError(.tlsMalformed, "the answer began with handshake message \(handshake[0]), not a ServerHello")
            }
            let length = Int(handshake[1]) << 16 | Int(handshake[2]) << 8 | Int(handshake[3])
            guard handshake.count >= 4 + length else { continue }
            var body = ByteReader(Array(handshake[4..<(4 + length)]))
            _ = try body.take(2 + 32, "ServerHello version and random")
            var id = try body.vector(lengthBytes: 1, "session id")
            return Array(id.rest())
        }
        return nil
    }
}
