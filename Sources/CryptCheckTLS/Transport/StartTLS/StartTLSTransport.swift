import CryptCheckModel

/// A transport that opens TCP through `base` and runs a protocol's preamble (STARTTLS, or its
/// own request) before handing the connection to a probe, so every probe of a scan, the
/// OpenSSL full handshake included, starts TLS where the server upgrades. The preamble runs
/// within the probe's deadline, and every read is bounded (`PreambleChannel`).
package struct StartTLSTransport: Transport {
    /// The protocol whose preamble runs.
    package let protocolName: StartTLSProtocol
    /// The domain XMPP's stream is opened to (`to=`): the server name, else the host.
    package let domain: String
    /// How the TCP connection is opened.
    package let base: any Transport

    package init(_ protocolName: StartTLSProtocol, domain: String, base: any Transport = TCPTransport()) {
        self.protocolName = protocolName
        self.domain = domain
        self.base = base
    }

    package func connect(
        to address: EndpointAddress, deadline: ContinuousClock.Instant, clock: any ScanClock
    ) throws -> any TransportConnection {
        let connection = try base.connect(to: address, deadline: deadline, clock: clock)
        try Self.upgrade(connection, protocolName, domain: domain, deadline: deadline)
        return connection
    }

    /// Runs the preamble of `protocolName` on an open connection; throws `StartTLSError`.
    package static func upgrade(
        _ connection: any TransportConnection, _ protocolName: StartTLSProtocol, domain: String,
        deadline: ContinuousClock.Instant
    ) throws {
        let channel = PreambleChannel(connection, deadline: deadline, name: protocolName.displayName)
        switch protocolName {
        case .smtp: try SMTPPreamble.run(channel)
        case .imap: try IMAPPreamble.run(channel)
        case .pop3: try POP3Preamble.run(channel)
        case .ftp: try FTPPreamble.run(channel)
        case .ldap: try LDAPPreamble.run(channel)
        case .xmpp: try XMPPPreamble.run(channel, domain: domain, serverToServer: false)
        case .xmppServer: try XMPPPreamble.run(channel, domain: domain, serverToServer: true)
        case .postgres: try PostgresPreamble.run(channel)
        case .mysql: try MySQLPreamble.run(channel)
        case .nntp: try NNTPPreamble.run(channel)
        case .sieve: try SievePreamble.run(channel)
        }
    }
}
