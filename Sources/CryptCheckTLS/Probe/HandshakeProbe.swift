import CryptCheckModel

/// How one ClientHello went.
public enum HandshakeOutcome: Sendable, Hashable {
    /// The server answered with a ServerHello (or HelloRetryRequest) and what followed in the clear.
    case hello(ServerFlight)
    /// The server refused: an alert, or it closed the connection without a ServerHello.
    case refused(Alert?)
    /// The probe itself failed (connect, timeout, malformed answer): nothing can be concluded.
    case failed(String)
}

/// Sends one ClientHello and reads the server's first flight, within a deadline.
public struct HandshakeProbe: Sendable {
    public let host: String
    public let port: Int
    public let timeout: Duration
    /// Most bytes read from a server for one probe.
    static let readLimit = 1 << 20

    public init(host: String, port: Int, timeout: Duration = .seconds(5)) {
        self.host = host
        self.port = port
        self.timeout = timeout
    }

    public func run(_ spec: ClientHelloSpec) -> HandshakeOutcome {
        let deadline = ContinuousClock.now + timeout
        do {
            let connection = try TCPConnection(host: host, port: port, deadline: deadline)
            try connection.send(ClientHelloBuilder.record(spec, random: Self.randomBytes(64)), deadline: deadline)
            var parser = ServerFlightParser()
            var total = 0
            while !parser.isComplete {
                let bytes = try connection.receive(deadline: deadline)
                if bytes.isEmpty { break }
                total += bytes.count
                guard total <= Self.readLimit else { return .failed("the server sent more than \(Self.readLimit) bytes") }
                try parser.consume(bytes)
            }
            let flight = parser.flight
            if let alert = flight.alert, flight.serverHello == nil { return .refused(alert) }
            if flight.serverHello != nil { return .hello(flight) }
            return .refused(nil)
        } catch let error as TLSParseError {
            return .failed("malformed answer: \(error)")
        } catch {
            return .failed("\(error)")
        }
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
