import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Ticketbleed (CVE-2016-9244) reproduced in front of a real TLS server (an `openssl s_server`
/// on `upstream`): every connection is relayed, but a ClientHello that offers a session ticket
/// with a session ID shorter than 32 bytes gets, when `vulnerable`, the server's ServerHello
/// with its session ID padded to 32 bytes from "memory" (0xA5), as the F5 BIG-IP did when it
/// resumed by the ticket (Valsorda's description); the fixed twin relays it unchanged, and
/// `dropTicketHello` closes such a hello without an answer. Stopped when released.
public final class TicketbleedProxy: @unchecked Sendable {  // immutable after init; FakeServer guards its state
    public enum Mode: Sendable {
        case vulnerable, fixed, dropTicketHello
    }

    private let fake: FakeServer
    public var port: Int { fake.port }

    public init(_ mode: Mode, upstream: Int) throws {
        fake = try FakeServer { _, connection in
            var records = AttackServer.Records(connection: connection)
            guard let first = records.next() else { return }
            let hello = [first.type, 3, 1, UInt8(first.payload.count >> 8), UInt8(first.payload.count & 0xFF)] + first.payload
            let facts = first.type == 22 ? ClientHelloFacts(first.payload) : nil
            let trigger = facts.map { ($0.sessionTicketLength ?? 0) > 0 && (1..<32).contains($0.sessionIDLength) } ?? false
            guard trigger, mode != .fixed else {
                return StartTLSServer.proxy(connection.descriptor, to: upstream, first: hello + records.buffer)
            }
            guard mode == .vulnerable, let server = connectLoopback(upstream) else { return }
            defer { close(server) }
            _ = hello.withUnsafeBytes { send(server, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            let answer = FakeConnection(descriptor: server)
            var upstreamRecords = AttackServer.Records(connection: answer)
            guard let serverHello = upstreamRecords.next() else { return }
            guard serverHello.type == 22, let padded = Self.padSessionID(serverHello.payload) else {
                return connection.write(AttackServer.record(serverHello.type, serverHello.payload))
            }
            _ = connection.writeAll(AttackServer.record(22, padded))
            _ = connection.read(timeout: 3)
        }
    }

    /// The handshake records' payload with its leading ServerHello's session ID padded to 32
    /// bytes; `nil` when it does not begin with a whole ServerHello.
    static func padSessionID(_ payload: [UInt8]) -> [UInt8]? {
        guard payload.count >= 4 + 35, payload[0] == 2 else { return nil }
        let length = Int(payload[1]) << 16 | Int(payload[2]) << 8 | Int(payload[3])
        guard payload.count >= 4 + length, length >= 35 else { return nil }
        let idLength = Int(payload[4 + 34])
        guard idLength < 32, 4 + 35 + idLength <= 4 + length else { return nil }
        let extra = 32 - idLength
        var body = Array(payload[4..<(4 + length)])
        body[34] = 32
        body.insert(contentsOf: [UInt8](repeating: 0xA5, count: extra), at: 35 + idLength)
        let header: [UInt8] = [2, UInt8(body.count >> 16), UInt8(body.count >> 8 & 0xFF), UInt8(body.count & 0xFF)]
        return header + body + payload[(4 + length)...]
    }
}
