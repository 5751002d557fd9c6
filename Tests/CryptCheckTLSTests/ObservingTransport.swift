import Synchronization

@testable import CryptCheckTLS

/// A transport for tests: plain TCP, but every connection is counted and its address may be
/// changed (`redirect`) or an action run first (a test clock advanced, say).
final class ObservingTransport: Transport {
    private let base = TCPTransport()
    private let redirect: @Sendable (EndpointAddress) -> EndpointAddress
    private let connections = Mutex(0)

    init(redirect: @escaping @Sendable (EndpointAddress) -> EndpointAddress = { $0 }) {
        self.redirect = redirect
    }

    /// Connections opened through this transport so far.
    var connectionCount: Int { connections.withLock { $0 } }

    func connect(
        to address: EndpointAddress, deadline: ContinuousClock.Instant,
        clock: any ScanClock
    ) throws -> any TransportConnection {
        connections.withLock { $0 += 1 }
        return try base.connect(to: redirect(address), deadline: deadline, clock: clock)
    }
}
