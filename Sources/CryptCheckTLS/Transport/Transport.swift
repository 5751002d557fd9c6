import CryptCheckModel

/// How probes reach a server: opens a connection to an address before a deadline and hands
/// back a byte stream ready for the first TLS record. Plain TCP today (`TCPTransport`); a
/// transport that runs a STARTTLS preamble first plugs in here. Every probe of a scan, the
/// OpenSSL full handshake included, connects through the scanner's transport.
package protocol Transport: Sendable {
    /// A connection to `address`, opened before `deadline` as `clock` tells time.
    func connect(to address: EndpointAddress, deadline: ContinuousClock.Instant, clock: any ScanClock) throws -> any TransportConnection
}

/// An open connection a probe writes to and reads from, every step within a deadline; closed
/// when released.
package protocol TransportConnection: AnyObject {
    /// Sends all of `bytes` before `deadline`.
    func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws
    /// Up to `limit` bytes received before `deadline`, or empty when the server closed the connection.
    func receive(limit: Int, deadline: ContinuousClock.Instant) throws -> [UInt8]
}

extension TransportConnection {
    /// Up to 16 KiB received before `deadline` (see `receive(limit:deadline:)`).
    func receive(deadline: ContinuousClock.Instant) throws -> [UInt8] {
        try receive(limit: 16_384, deadline: deadline)
    }
}

extension Transport {
    /// A connection to the first address of `host:port` that answers, before `deadline`: for a
    /// probe whose endpoint was not resolved beforehand.
    func connect(
        host: String, port: Int, family: AddressFamily, deadline: ContinuousClock.Instant,
        clock: any ScanClock
    ) throws -> any TransportConnection {
        var lastError: Error = ConnectionError(.connectionUnresolved, "cannot connect to \(host):\(port): no address")
        for address in try EndpointAddress.resolve(host: host, port: port, family: family) {
            do {
                return try connect(to: address, deadline: deadline, clock: clock)
            } catch {
                lastError = error
            }
        }
        throw lastError
    }
}
