/// Plain TCP: the connection is ready for the ClientHello as soon as it is open.
public struct TCPTransport: Transport {
    public init() {}

    public func connect(
        to address: EndpointAddress, deadline: ContinuousClock.Instant,
        clock: any ScanClock
    ) throws -> any TransportConnection {
        try TCPConnection(address: address, deadline: deadline, clock: clock)
    }
}
