/// Plain TCP: the connection is ready for the ClientHello as soon as it is open.
package struct TCPTransport: Transport {
    package init() {}

    package func connect(
        to address: EndpointAddress, deadline: ContinuousClock.Instant,
        clock: any ScanClock
    ) throws -> any TransportConnection {
        try TCPConnection(address: address, deadline: deadline, clock: clock)
    }
}
