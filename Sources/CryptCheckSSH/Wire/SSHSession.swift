import CryptCheckModel
import CryptCheckTLS

/// One SSH connection up to the end of the key exchange: identification lines, then
/// unencrypted packets. Every read is bounded in bytes and by the deadline, and messages the
/// exchange skips (IGNORE, DEBUG) are bounded in count.
package final class SSHSession {
    private let connection: any TransportConnection
    private let deadline: ContinuousClock.Instant
    private var buffer: [UInt8] = []
    private var received = 0
    /// What the server sent in its identification line.
    package private(set) var serverIdentification: SSHIdentification.Parsed?

    /// The most bytes one session reads from a server: a few packets of the largest size.
    package static let byteLimit = 4 * SSHPacket.maximumLength
    /// IGNORE and DEBUG messages skipped before the scanner gives up on a server.
    package static let skippedLimit = 64

    package init(connection: any TransportConnection, deadline: ContinuousClock.Instant) {
        self.connection = connection
        self.deadline = deadline
    }

    private func fill() throws {
        let room = Self.byteLimit - received
        guard room > 0 else {
            throw SSHWireError(.sshWireOversized, "the server sent more than \(Self.byteLimit) bytes before the key exchange ended")
        }
        let bytes = try connection.receive(limit: min(room, 65_536), deadline: deadline)
        guard !bytes.isEmpty else { throw SSHWireError(.sshWireClosed, "the server closed the connection") }
        received += bytes.count
        buffer += bytes
    }

    /// Sends the client's identification and reads the server's.
    @discardableResult
    package func exchangeIdentification() throws -> SSHIdentification.Parsed {
        try connection.send(Array((SSHIdentification.client + "\r\n").utf8), deadline: deadline)
        while true {
            if let parsed = try SSHIdentification.parse(buffer) {
                buffer.removeFirst(parsed.consumed)
                serverIdentification = parsed
                guard parsed.protocolVersion == "2.0" || parsed.protocolVersion == "1.99" else {
                    throw SSHWireError(
                        .sshWireVersion, "the server speaks SSH protocol \(EscapedText.escape(parsed.protocolVersion)), not 2.0")
                }
                return parsed
            }
            try fill()
        }
    }

    package func send(_ payload: [UInt8]) throws {
        try connection.send(SSHPacket.build(payload), deadline: deadline)
    }

    /// The next packet's payload that is not IGNORE or DEBUG; a DISCONNECT is thrown as
    /// `SSHDisconnect`.
    package func receive() throws -> [UInt8] {
        var skipped = 0
        while true {
            let payload = try nextPacket()
            guard let type = payload.first else { throw SSHWireError(.sshWireMalformed, "an empty packet") }
            switch type {
            case SSHMessage.disconnect:
                throw SSHDisconnect(payload: payload)
            case SSHMessage.ignore, SSHMessage.debug:
                skipped += 1
                guard skipped <= Self.skippedLimit else {
                    throw SSHWireError(.sshWireOversized, "more than \(Self.skippedLimit) IGNORE or DEBUG messages in a row")
                }
            default:
                return payload
            }
        }
    }

    private func nextPacket() throws -> [UInt8] {
        while true {
            if let (payload, consumed) = try SSHPacket.parse(buffer[...]) {
                buffer.removeFirst(consumed)
                return payload
            }
            try fill()
        }
    }
}
