import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A scripted server of a STARTTLS protocol on 127.0.0.1: it speaks the server's side of the
/// preamble as the protocol's RFC has it, then either proxies the connection's bytes to a TLS
/// server on `tlsPort` (an `openssl s_server`), so a scan through it sees that server, or
/// refuses the upgrade the way that protocol refuses. Stopped when released.
public final class StartTLSServer: @unchecked Sendable {  // immutable after init; FakeServer guards its state
    /// The protocols scripted, by the names `--starttls` takes.
    public static let protocols = ["smtp", "imap", "pop3", "ftp", "ldap", "xmpp", "xmpp-server", "postgres", "mysql", "nntp", "sieve"]

    public let server: FakeServer
    public var port: Int { server.port }
    private let received = ReceivedBytes()

    /// `protocolName`'s preamble, then the TLS server on `tlsPort`; with `tlsPort` nil, the refusal.
    public init(_ protocolName: String, tlsPort: Int?) throws {
        let received = received
        server = try FakeServer { _, connection in
            let client = ScriptedClient(connection: connection)
            guard Self.serve(protocolName, client, upgrade: tlsPort != nil) else { return }
            received.append(client.seen)
            if let tlsPort { Self.proxy(connection.descriptor, to: tlsPort, first: client.leftover) }
        }
    }

    /// Everything the clients sent during their preambles, concatenated.
    public var clientBytes: [UInt8] { received.bytes }

    /// The server's side of the preamble; false when the connection ended early or was refused.
    static func serve(_ name: String, _ client: ScriptedClient, upgrade: Bool) -> Bool {
        switch name {
        case "smtp":
            client.send("220 fake.test ESMTP ready\r\n")
            guard client.readLine().hasPrefix("EHLO ") else { return false }
            client.send("250-fake.test greets you\r\n250-PIPELINING\r\n" + (upgrade ? "250-STARTTLS\r\n" : "") + "250 8BITMIME\r\n")
            guard upgrade, client.readLine() == "STARTTLS" else { return false }
            client.send("220 2.0.0 Ready to start TLS\r\n")
        case "imap":
            client.send("* OK [CAPABILITY IMAP4rev1 STARTTLS] fake ready\r\n")
            guard client.readLine() == "a STARTTLS" else { return false }
            client.send("* CAPABILITY IMAP4rev1 STARTTLS\r\n")
            client.send(upgrade ? "a OK Begin TLS negotiation now\r\n" : "a NO [UNAVAILABLE] TLS is not configured\r\n")
        case "pop3":
            client.send("+OK fake POP3 ready\r\n")
            guard client.readLine() == "STLS" else { return false }
            client.send(upgrade ? "+OK Begin TLS negotiation\r\n" : "-ERR STLS not available\r\n")
        case "ftp":
            // Multi-line replies as RFC 959 4.2 has them (ProFTPD sends them so): the code on the
            // first and last lines only, the lines between any text, even digits.
            client.send("220-Welcome to the fake FTP\r\n  a line of text\r\n220-a line with the code\r\n123 padded digits\r\n220 ready\r\n")
            guard client.readLine() == "AUTH TLS" else { return false }
            client.send(upgrade ? "234-AUTH TLS OK.\r\n then TLS\r\n234 go\r\n" : "502 AUTH TLS not implemented\r\n")
        case "nntp":
            client.send("200 fake news ready\r\n")
            guard client.readLine() == "STARTTLS" else { return false }
            client.send(upgrade ? "382 Continue with TLS negotiation\r\n" : "580 Can not initiate TLS negotiation\r\n")
        case "sieve":
            client.send(
                "\"IMPLEMENTATION\" \"fake sieve\"\r\n\"SASL\" \"PLAIN\"\r\n" + (upgrade ? "\"STARTTLS\"\r\n" : "")
                    + "\"VERSION\" \"1.0\"\r\nOK \"ready\"\r\n")
            guard upgrade, client.readLine() == "STARTTLS" else { return false }
            client.send("OK \"Begin TLS negotiation now.\"\r\n")
        case "ldap":
            // RFC 4511: LDAPMessage { 1, ExtendedRequest { [0] 1.3.6.1.4.1.1466.20037 } }.
            let oid = Array("1.3.6.1.4.1.1466.20037".utf8)
            let request: [UInt8] = [0x30, 0x1D, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16] + oid
            guard client.read(count: request.count) == request else { return false }
            // Long-form lengths, as OpenLDAP writes them; resultCode 0, or 52 (unavailable).
            let message = Array("TLS not configured".utf8)
            let fields: [UInt8] =
                [0x0A, 0x01, upgrade ? 0x00 : 0x34, 0x04, 0x00, 0x04, UInt8(upgrade ? 0 : message.count)] + (upgrade ? [] : message)
            let response: [UInt8] = [0x78, 0x84, 0x00, 0x00, 0x00, UInt8(fields.count)] + fields
            let body: [UInt8] = [0x02, 0x01, 0x01] + response
            client.send([0x30, 0x84, 0x00, 0x00, 0x00, UInt8(body.count)] + body)
        case "xmpp", "xmpp-server":
            let namespace = name == "xmpp" ? "jabber:client" : "jabber:server"
            guard client.read(through: "version='1.0'>").contains("xmlns='\(namespace)'") else { return false }
            client.send(
                "<?xml version='1.0'?><stream:stream xmlns='\(namespace)' xmlns:stream='http://etherx.jabber.org/streams' "
                    + "id='fake' from='localhost' version='1.0'><stream:features>"
                    + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>")
            guard client.read(through: "/>").contains("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'") else { return false }
            client.send(
                upgrade
                    ? "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
                    : "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>")
        case "postgres":
            guard client.read(count: 8) == [0x00, 0x00, 0x00, 0x08, 0x04, 0xD2, 0x16, 0x2F] else { return false }
            client.send(upgrade ? "S" : "N")
        case "mysql":
            // Protocol 10: version, thread id, auth data 1, filler, capabilities (CLIENT_SSL is 0x0800).
            let flags: UInt16 = upgrade ? 0xFFFF : 0xFFFF & ~0x0800
            var greeting: [UInt8] = [10] + Array("8.0.0-fake".utf8) + [0] + [1, 0, 0, 0] + [UInt8](repeating: 0x41, count: 8) + [0]
            greeting += [UInt8(flags & 0xFF), UInt8(flags >> 8), 0x21, 0x02, 0x00, 0xFF, 0x81, 21] + [UInt8](repeating: 0, count: 10)
            greeting += [UInt8](repeating: 0x42, count: 12) + [0] + Array("mysql_native_password".utf8) + [0]
            client.send([UInt8(greeting.count), 0, 0, 0] + greeting)
            guard upgrade else { return false }
            let request = client.read(count: 36)
            guard request.count == 36, request[0] == 32, request[3] == 1, request[5] & 0x08 != 0 else { return false }
        default:
            return false
        }
        return upgrade
    }

    /// Copies bytes both ways between the client and 127.0.0.1:`port` until either side closes,
    /// starting with `first`, what the client sent after its preamble and the script read.
    static func proxy(_ client: Int32, to port: Int, first: [UInt8]) {
        guard let upstream = connectLoopback(port) else { return }
        defer { close(upstream) }
        if !first.isEmpty { _ = first.withUnsafeBytes { send(upstream, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
        var pollers = [pollfd(fd: client, events: Int16(POLLIN), revents: 0), pollfd(fd: upstream, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let deadline = Date(timeIntervalSinceNow: 60)
        while Date() < deadline {
            guard poll(&pollers, 2, 1000) >= 0 else { return }
            for (index, poller) in pollers.enumerated() where poller.revents != 0 {
                let from = index == 0 ? client : upstream, to = index == 0 ? upstream : client
                let count = buffer.withUnsafeMutableBytes { recv(from, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return }
                var sent = 0
                while sent < count {
                    let wrote = buffer[sent..<count].withUnsafeBytes { send(to, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    guard wrote > 0 else { return }
                    sent += wrote
                }
            }
        }
    }
}

/// A TCP connection to 127.0.0.1:`port`, its descriptor for the caller to close; `nil` when
/// nothing accepts it.
func connectLoopback(_ port: Int) -> Int32? {
    let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard upstream >= 0 else { return nil }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
    guard connected else {
        close(upstream)
        return nil
    }
    return upstream
}

/// The client's side of a scripted connection, read within bounds and a short timeout.
final class ScriptedClient: @unchecked Sendable {  // used by one handler thread only
    let connection: FakeConnection
    private var buffer: [UInt8] = []
    /// Every byte the client sent and the script read.
    private(set) var seen: [UInt8] = []

    init(connection: FakeConnection) { self.connection = connection }

    /// What was read beyond the script's last read (the start of the TLS handshake).
    var leftover: [UInt8] { buffer }

    func send(_ text: String) { connection.write(Array(text.utf8)) }
    func send(_ bytes: [UInt8]) { connection.write(bytes) }

    /// One line without CRLF; empty when the client closed or sent nothing within 5 s.
    func readLine() -> String {
        let line = Array(read(through: "\r\n").utf8)
        return String(decoding: line.suffix(2) == [0x0D, 0x0A] ? line.dropLast(2) : line[...], as: UTF8.self)
    }

    /// Bytes through `marker` (as text), or what came before the client stopped.
    func read(through marker: String) -> String {
        let bytes = Array(marker.utf8)
        while true {
            if let end = (0..<max(0, buffer.count - bytes.count + 1)).first(where: { buffer[$0..<$0 + bytes.count].elementsEqual(bytes) }) {
                return String(decoding: take(end + bytes.count), as: UTF8.self)
            }
            guard more() else { return String(decoding: take(buffer.count), as: UTF8.self) }
        }
    }

    /// Exactly `count` bytes, or fewer when the client stopped.
    func read(count: Int) -> [UInt8] {
        while buffer.count < count, more() {}
        return take(min(count, buffer.count))
    }

    private func take(_ count: Int) -> [UInt8] {
        let bytes = Array(buffer.prefix(count))
        buffer.removeFirst(count)
        seen += bytes
        return bytes
    }

    private func more() -> Bool {
        guard buffer.count < 65_536 else { return false }
        let bytes = connection.read(limit: 4096, timeout: 5)
        buffer += bytes
        return !bytes.isEmpty
    }
}

/// Bytes appended by several handler threads.
final class ReceivedBytes: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var stored: [UInt8] = []
    func append(_ bytes: [UInt8]) { lock.withLock { stored += bytes } }
    var bytes: [UInt8] { lock.withLock { stored } }
}
