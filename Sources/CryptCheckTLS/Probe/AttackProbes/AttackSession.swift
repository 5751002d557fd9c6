import CryptCheckModel

/// One TLS record as it came from the server. Held only while a check looks at it: what an
/// observation keeps is its type, its length and, for alerts, the alert (never its bytes).
struct ServerRecord {
    let type: UInt8
    let payload: [UInt8]

    /// The alert this record carries (content type 21), if it is one.
    var alert: Alert? {
        guard type == 21, payload.count >= 2 else { return nil }
        return Alert(level: payload[0], description: payload[1])
    }
}

/// Reads a server's records one at a time on a connection, within its deadline and the probe's
/// read limit.
struct RecordReader {
    let connection: any TransportConnection
    var deadline: ContinuousClock.Instant
    private var buffer: [UInt8] = []
    private var total = 0

    init(connection: any TransportConnection, deadline: ContinuousClock.Instant) {
        self.connection = connection
        self.deadline = deadline
    }

    /// The next whole record; `nil` when the server closed the connection (or reset it). Throws
    /// on a timeout, on what is not a TLS record, and past the read limit.
    mutating func next() throws -> ServerRecord? {
        while true {
            if buffer.count >= 5 {
                let type = buffer[0], length = Int(buffer[3]) << 8 | Int(buffer[4])
                guard (20...24).contains(type), buffer[1] == 3 else {
                    throw TLSParseError(.tlsNotARecord, "not a TLS record (content type \(type))")
                }
                guard length <= ServerFlightParser.maxRecordLength else {
                    throw TLSParseError(.tlsOversized, "record of \(length) bytes is too long")
                }
                if buffer.count >= 5 + length {
                    let record = ServerRecord(type: type, payload: Array(buffer[5..<(5 + length)]))
                    buffer.removeFirst(5 + length)
                    return record
                }
            }
            let bytes = try connection.receive(deadline: deadline)
            if bytes.isEmpty { return nil }
            total += bytes.count
            guard total <= HandshakeProbe.readLimit else {
                throw ConnectionError(.connectionOversized, "the server sent more than \(HandshakeProbe.readLimit) bytes", transient: false)
            }
            buffer += bytes
        }
    }

    /// The server's first flight after the ClientHello was sent: records fed to the flight
    /// parser until it is complete, the connection closes or the deadline passes.
    mutating func firstFlight() throws -> ServerFlight {
        var parser = ServerFlightParser()
        while !parser.isComplete, let record = try next() {
            let length = record.payload.count
            try parser.consume([record.type, 3, 3, UInt8(length >> 8), UInt8(length & 0xFF)] + record.payload)
        }
        return parser.flight
    }

    /// How the server answered what a check sent: the first alert or the first record of
    /// `interesting` types, else how the connection ended. A timeout is an answer here
    /// (`.timedOut`), not an error: whether it decides anything is the check's call.
    mutating func answer(interesting: Set<UInt8> = []) throws -> ServerAnswer {
        do {
            while let record = try next() {
                if let alert = record.alert, !alert.isSkippableWarning || interesting.isEmpty { return .alert(alert) }
                if interesting.contains(record.type) { return .record(record) }
            }
            return .closed
        } catch let error as ConnectionError where error.code == .connectionTimeout {
            return .timedOut
        }
    }
}

/// What a server did after a check's message.
enum ServerAnswer {
    case alert(Alert)
    case record(ServerRecord)
    /// The connection closed (or was reset) without an alert.
    case closed
    /// Nothing decisive came before the deadline.
    case timedOut

    /// The answer in words, for evidence: the alert by name, or how the connection ended.
    var text: String {
        switch self {
        case .alert(let alert): "alert \(alert.name) (\(alert.description))"
        case .record(let record): "a record of type \(record.type), \(record.payload.count) bytes"
        case .closed: "the connection closed without an alert"
        case .timedOut: "no answer before the timeout"
        }
    }
}

/// How a check's handshake began: the server's whole first flight, or why there is none.
enum AttackStart<T: Sendable>: Sendable {
    case flight(T)
    case failed(AttackProbeResult)
}

extension TLSScanner {
    /// Opens a connection, sends `hello`, reads the first flight and, if the server answered
    /// with a ServerHello and its whole flight, hands the flight and the reader to `body`.
    /// Anything else is the check's "could not test" (a failed probe never reads as "not
    /// vulnerable").
    func withFirstFlight<T: Sendable>(
        _ attack: ActiveAttack, _ hello: ClientHelloSpec,
        _ body: (ServerFlight, inout RecordReader) throws -> T
    ) -> AttackStart<T> {
        do {
            return try probe.withConnection { connection, deadline in
                try connection.send(ClientHelloBuilder.record(hello, random: HandshakeProbe.randomBytes(64)), deadline: deadline)
                var reader = RecordReader(connection: connection, deadline: deadline)
                let flight = try reader.firstFlight()
                guard flight.serverHello != nil else {
                    let how = flight.alert.map { "alert \($0.name) (\($0.description))" } ?? "a close without a ServerHello"
                    return .failed(
                        AttackProbeResult(
                            attack: attack, verdict: .couldNotTest,
                            evidence: "the prerequisite handshake failed: the hello was answered with \(how)",
                            code: .probeUnexpectedRefusal))
                }
                if let broken = flight.brokenFirstFlight {
                    return .failed(
                        AttackProbeResult(
                            attack: attack, verdict: .couldNotTest,
                            evidence: "the prerequisite handshake failed: \(broken)", code: .probeChosenThenFailed))
                }
                return .flight(try body(flight, &reader))
            }
        } catch let error as TLSParseError {
            return .failed(
                AttackProbeResult(attack: attack, verdict: .couldNotTest, evidence: "malformed answer: \(error)", code: error.code))
        } catch {
            return .failed(AttackProbeResult(attack: attack, verdict: .couldNotTest, evidence: "\(error)", code: ErrorCode.of(error)))
        }
    }

    /// A record of `type` with `version`'s wire value, for what a check sends.
    static func record(_ type: UInt8, version: ProtocolVersion, _ payload: [UInt8]) -> [UInt8] {
        let wire = min(version, .tlsv1_2).rawValue
        return [type, UInt8(wire >> 8), UInt8(wire & 0xFF), UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)] + payload
    }
}
