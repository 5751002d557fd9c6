import CryptCheckModel
import CryptCheckOpenSSL
import Foundation

/// How one ClientHello went.
package enum HandshakeOutcome: Sendable, Hashable {
    /// The server answered with a ServerHello (or HelloRetryRequest) and what followed in the clear.
    case hello(ServerFlight)
    /// The server refused: an alert, or it closed the connection without a ServerHello.
    case refused(Alert?)
    /// The probe itself failed (connect, timeout, malformed answer): nothing can be concluded.
    /// The reason is for a person, the code for machines (`connection.timeout`).
    case failed(String, code: ErrorCode)
}

/// Sends one ClientHello and reads the server's first flight, within a deadline, within the
/// scan's connection limits, retrying connections that fail for transient reasons.
package struct HandshakeProbe: Sendable {
    package let host: String
    package let port: Int
    package let timeout: Duration
    /// The address every probe connects to; `nil` resolves `host` on each connection.
    package var address: EndpointAddress?
    /// Which address families `host` may resolve to.
    package var family: AddressFamily = .any
    /// How often a connection that failed transiently (connect error, timeout) is tried again.
    package var retries = 1
    /// Shared connection limits (per host, global).
    package var limits: ConnectionLimits
    /// How connections are opened: plain TCP unless another transport is injected.
    package var transport: any Transport = TCPTransport()
    /// The clock of every deadline, the budget and the retry pauses.
    package var clock: any ScanClock = SystemScanClock()
    /// When the whole endpoint's time runs out: no connection starts after it, and none runs
    /// past it. `nil`: no bound beyond each handshake's timeout.
    package var budgetDeadline: ContinuousClock.Instant?
    /// Most bytes read from a server for one probe.
    static let readLimit = 1 << 20

    package init(host: String, port: Int, timeout: Duration = .seconds(5), limits: ConnectionLimits = ConnectionLimits()) {
        self.host = host
        self.port = port
        self.timeout = timeout
        self.limits = limits
    }

    /// What the per-host connection limit is counted by: the address connected to, so that
    /// several spellings of one server (`localhost`, `127.0.0.1`, `127.1`) share one limit; the
    /// host as named only before it is resolved.
    var limitKey: String { address?.numeric ?? host }

    /// Opens a connection and runs `body` on it with the probe's deadline. Connection errors
    /// that may pass (refused, reset, timed out) are retried after a short pause, outside the
    /// permit; anything else is thrown at once.
    func withConnection<T>(_ body: (any TransportConnection, ContinuousClock.Instant) throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try limits.withPermit(host: limitKey) {
                    let deadline = try connectionDeadline()
                    return try body(try connect(before: deadline), deadline)
                }
            } catch let error as ConnectionError where error.isTransient && attempt < retries {
                attempt += 1
                clock.sleep(for: Self.backoff(attempt))
            }
        }
    }

    /// The pause before the `attempt`th retry: 100 ms, doubling with each attempt.
    static func backoff(_ attempt: Int) -> Duration { .milliseconds(50 * (1 << attempt)) }

    /// When a connection opened now must be done: after the timeout, and no later than the
    /// budget. Throws `budgetExhausted` when the budget has run out.
    func connectionDeadline() throws -> ContinuousClock.Instant {
        let now = clock.now
        guard let budgetDeadline else { return now + timeout }
        guard now < budgetDeadline else { throw Self.budgetExhausted }
        return min(now + timeout, budgetDeadline)
    }

    /// A connection through the transport to the scan's address, or to the first address of
    /// `host` that answers when none was resolved.
    func connect(before deadline: ContinuousClock.Instant) throws -> any TransportConnection {
        if let address { return try transport.connect(to: address, deadline: deadline, clock: clock) }
        return try transport.connect(host: host, port: port, family: family, deadline: deadline, clock: clock)
    }

    package func run(_ spec: ClientHelloSpec) -> HandshakeOutcome {
        do {
            return try withConnection { connection, deadline in
                try connection.send(ClientHelloBuilder.record(spec, random: Self.randomBytes(64)), deadline: deadline)
                var parser = ServerFlightParser()
                var total = 0
                while !parser.isComplete {
                    let bytes = try connection.receive(deadline: deadline)
                    if bytes.isEmpty { break }
                    total += bytes.count
                    guard total <= Self.readLimit else {
                        return .failed("the server sent more than \(Self.readLimit) bytes", code: .connectionOversized)
                    }
                    try parser.consume(bytes)
                }
                let flight = parser.flight
                if let alert = flight.alert, flight.serverHello == nil { return .refused(alert) }
                if flight.serverHello != nil { return .hello(flight) }
                return .refused(nil)
            }
        } catch let error as TLSParseError {
            return .failed("malformed answer: \(error)", code: error.code)
        } catch {
            return .failed("\(error)", code: ErrorCode.of(error))
        }
    }

    /// The failure of every probe that would start, or run, after the endpoint's budget.
    static let budgetExhausted = ConnectionError(.connectionBudgetExhausted, "the endpoint's time budget ran out", transient: false)

    static func randomBytes(_ count: Int) -> [UInt8] { RandomBytes.make(count) }
}
