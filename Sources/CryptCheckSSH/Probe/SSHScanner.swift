import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckTLS
import Foundation
import Synchronization

/// Scans one SSH endpoint: its identification and KEXINIT on a first connection, then every
/// advertised algorithm offered alone, one key exchange per host-key algorithm (host key,
/// certificate, signature checked), and the primes of group-exchange requests. Probes run side
/// by side within the connection limits; a probe that sees neither a refusal nor the exchange
/// going on is recorded as failed, never as refused.
package struct SSHScanner: Sendable {
    package let host: String
    package let port: Int
    package var timeout: Duration
    package var limits: ConnectionLimits
    package var family: AddressFamily
    package var budget: Duration = .seconds(120)
    package var transport: any Transport = TCPTransport()
    package var clock: any ScanClock = SystemScanClock()
    /// The address (or name) to connect to instead of the host.
    package var connectHost: String?
    /// The group-exchange requests made (RFC 4419 3: minimum, preferred, maximum).
    /// The most connections one SSH endpoint gets at once, whatever the connection limits allow:
    /// servers shed unauthenticated connections from one address early (Dropbear closes those
    /// past MAX_UNAUTH_PER_IP, 5; OpenSSH's MaxStartups starts dropping at 10), and a dropped
    /// connection is a probe that must be made again.
    package static let maximumConcurrency = 4
    package static let groupExchangeRequests = [
        (1024, 1024, 1024), (1024, 2048, 8192), (2048, 3072, 8192), (2048, 4096, 8192), (2048, 8192, 8192),
    ]

    package init(
        host: String, port: Int, timeout: Duration = .seconds(5), limits: ConnectionLimits = ConnectionLimits(),
        family: AddressFamily = .any
    ) {
        self.host = host
        self.port = port
        self.timeout = timeout
        self.limits = limits
        self.family = family
    }

    package var endpointName: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    package func scan() -> SSHEndpointObservation {
        let started = clock.now
        let budgetDeadline = started + budget
        let counter = ConnectionCounter()
        var observation = SSHEndpointObservation(host: host, port: port, outcome: SSHEndpointOutcome(kind: .silent))
        let address: EndpointAddress
        do {
            address = try EndpointAddress.resolve(host: connectHost ?? host, port: port, family: family)[0]
        } catch {
            observation.outcome = SSHEndpointOutcome(kind: .unresolved, detail: "\(error)", code: ErrorCode.of(error))
            return observation
        }
        observation.address = address.numeric
        let opener = SSHConnector(
            address: address, host: host, timeout: timeout, budgetDeadline: budgetDeadline, transport: transport, clock: clock,
            limits: limits, counter: counter)
        let first: (identification: SSHIdentification.Parsed, kexInit: [UInt8])
        do {
            first = try opener.withSession { session, identification, kexInit in (identification, kexInit) }
        } catch {
            observation.outcome = Self.outcome(of: error)
            observation.connections = counter.count
            observation.durationMilliseconds = Self.milliseconds(started.duration(to: clock.now))
            return observation
        }
        observation.identification = first.identification.text
        let facts: SSHKexInitFacts
        do {
            facts = try SSHKexInit.parse(first.kexInit)
        } catch {
            observation.outcome = SSHEndpointOutcome(kind: .malformed, detail: "the server's KEXINIT: \(error)", code: ErrorCode.of(error))
            observation.connections = counter.count
            observation.durationMilliseconds = Self.milliseconds(started.duration(to: clock.now))
            return observation
        }
        observation.outcome = SSHEndpointOutcome(kind: .kexInit)
        observation.kexInit = facts
        let plan = SSHProbePlan(server: facts)
        let results = limits.workers.map(plan.probes, width: min(limits.perHost, Self.maximumConcurrency)) { probe in
            SSHProbeRunner(connector: opener, plan: plan).run(probe)
        }
        for result in results {
            switch result {
            case .algorithm(let support): observation.algorithms.append(support)
            case .hostKey(let support, let key):
                observation.algorithms.append(support)
                observation.hostKeys.append(key)
            case .groupExchange(let group): observation.groupExchange.append(group)
            }
        }
        observation.algorithms.sort { lhs, rhs in
            let order = SSHAlgorithmCategory.allCases
            return order.firstIndex(of: lhs.category)! < order.firstIndex(of: rhs.category)!
        }
        if clock.now >= budgetDeadline {
            observation.failures.append(
                "the endpoint's time budget (\(budget)) ran out: probes after it were not made, and what was seen is reported")
            observation.failureCodes.append(.connectionBudgetExhausted)
        }
        observation.connections = counter.count
        observation.durationMilliseconds = Self.milliseconds(started.duration(to: clock.now))
        return observation
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    /// What the first connection's failure says about the endpoint.
    static func outcome(of error: any Error) -> SSHEndpointOutcome {
        let code = ErrorCode.of(error)
        switch code {
        case .connectionRefused, .connectionUnreachable, .connectionFailed:
            return SSHEndpointOutcome(kind: .unreachable, detail: "\(error)", code: code)
        case .connectionTimeout, .sshWireClosed, .connectionReset:
            return SSHEndpointOutcome(kind: .silent, detail: "\(error)", code: code)
        case .sshWireVersion:
            return SSHEndpointOutcome(kind: .notSSH, detail: "\(error)", code: code)
        default:
            if error is SSHDisconnect { return SSHEndpointOutcome(kind: .silent, detail: "\(error)", code: .sshWireClosed) }
            return SSHEndpointOutcome(kind: code == .sshWireMalformed ? .notSSH : .malformed, detail: "\(error)", code: code)
        }
    }
}

extension SSHScanner {
    /// Scans several endpoints side by side, results in the order given.
    package static func scan(_ scanners: [SSHScanner]) -> [SSHEndpointObservation] {
        guard let limits = scanners.first?.limits else { return [] }
        return limits.workers.map(scanners, width: limits.global) { $0.scan() }
    }
}

/// Opens connections to one endpoint: a permit of the connection limits, the deadline of one
/// probe (never past the endpoint's budget), the identification exchange, the server's KEXINIT.
struct SSHConnector: Sendable {
    let address: EndpointAddress
    let host: String
    let timeout: Duration
    let budgetDeadline: ContinuousClock.Instant
    let transport: any Transport
    let clock: any ScanClock
    let limits: ConnectionLimits
    let counter: ConnectionCounter

    /// Connections a probe opens before it gives up on reaching the point where the server's
    /// KEXINIT is read: a connection closed or reset before that says nothing about what the
    /// probe offers (a server shedding unauthenticated connections drops new ones).
    static let attempts = 4

    /// The pause before attempt `attempt` (1, 2, ...): 250 ms, 500 ms, 1 s.
    static func pause(before attempt: Int) -> Duration { .milliseconds(250 << (attempt - 1)) }

    /// Whether a failure before the server's KEXINIT is worth another connection: a close, a
    /// reset or a DISCONNECT is (load shedding); a refusal, a timeout or bytes that are not
    /// SSH are not (they would only repeat, and a silent server would cost the timeout again).
    static func isRetryable(_ error: any Error) -> Bool {
        if error is SSHDisconnect { return true }
        let code = ErrorCode.of(error)
        return code == .sshWireClosed || code == .connectionReset
    }

    /// Runs `body` on a session whose identification and KEXINIT were exchanged; the opening is
    /// tried again (see `attempts`) while it fails in a retryable way before the KEXINIT.
    func withSession<T>(_ body: (SSHSession, SSHIdentification.Parsed, [UInt8]) throws -> T) throws -> T {
        try limits.withPermit(host: host) {
            var attempt = 1
            while true {
                let opened: (session: SSHSession, identification: SSHIdentification.Parsed, kexInit: [UInt8])
                do {
                    opened = try open()
                } catch {
                    guard attempt < Self.attempts, Self.isRetryable(error), clock.now + Self.pause(before: attempt) < budgetDeadline
                    else { throw error }
                    clock.sleep(for: Self.pause(before: attempt))
                    attempt += 1
                    continue
                }
                return try body(opened.session, opened.identification, opened.kexInit)
            }
        }
    }

    /// One connection, up to the server's KEXINIT, within the probe's deadline.
    private func open() throws -> (session: SSHSession, identification: SSHIdentification.Parsed, kexInit: [UInt8]) {
        let now = clock.now
        guard now < budgetDeadline else {
            throw SSHWireError(.connectionBudgetExhausted, "the endpoint's time budget ran out before this probe")
        }
        let deadline = min(now + timeout, budgetDeadline)
        counter.add()
        let connection = try transport.connect(to: address, deadline: deadline, clock: clock)
        let session = SSHSession(connection: connection, deadline: deadline)
        let identification = try session.exchangeIdentification()
        let kexInit = try session.receive()
        guard kexInit.first == SSHMessage.kexInit else {
            throw SSHWireError(.sshWireUnexpected, "the server's first message is \(kexInit.first ?? 0), not KEXINIT (20)")
        }
        return (session, identification, kexInit)
    }
}

/// The connections a scan opened.
final class ConnectionCounter: Sendable {
    private let value = Mutex(0)
    func add() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
