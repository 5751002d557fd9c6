import CryptCheckModel

/// The unencrypted binary packet (RFC 4253 6), before any key is in use: uint32 length, byte
/// padding length, payload, padding; no MAC.
package enum SSHPacket {
    /// The largest packet the scanner reads (OpenSSH's PACKET_MAX_SIZE): a group-exchange
    /// reply with an 8192-bit prime and a certificate fits in a fraction of it.
    package static let maximumLength = 256 * 1024

    /// The payload of the packet at the start of `bytes` and the bytes it took; `nil` when the
    /// packet is not complete yet. Throws for a length past the limit or padding that does not fit.
    package static func parse(_ bytes: ArraySlice<UInt8>) throws -> (payload: [UInt8], consumed: Int)? {
        guard bytes.count >= 5 else { return nil }
        let start = bytes.startIndex
        let length = bytes[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
        guard length <= maximumLength else {
            throw SSHWireError(.sshWireOversized, "a packet of \(length) bytes (the scanner reads at most \(maximumLength))")
        }
        let padding = Int(bytes[start + 4])
        guard length >= 5, padding >= 4, padding < length else {
            throw SSHWireError(.sshWireMalformed, "a packet of \(length) bytes with \(padding) bytes of padding (RFC 4253 6)")
        }
        guard bytes.count >= 4 + length else { return nil }
        return (Array(bytes[start + 5..<start + 4 + length - padding]), 4 + length)
    }

    /// A packet holding `payload`, padded to a multiple of 8 with at least 4 bytes of padding.
    package static func build(_ payload: [UInt8]) -> [UInt8] {
        var padding = 8 - (payload.count + 5) % 8
        if padding < 4 { padding += 8 }
        var writer = SSHWriter()
        writer.uint32(UInt32(payload.count + padding + 1))
        writer.byte(UInt8(padding))
        writer.raw(payload)
        writer.raw([UInt8](repeating: 0, count: padding))
        return writer.bytes
    }
}

/// Message numbers (RFC 4250 4.1, RFC 4419 5, RFC 5656 7).
package enum SSHMessage {
    package static let disconnect: UInt8 = 1
    package static let ignore: UInt8 = 2
    package static let unimplemented: UInt8 = 3
    package static let debug: UInt8 = 4
    package static let extInfo: UInt8 = 7
    package static let kexInit: UInt8 = 20
    package static let newKeys: UInt8 = 21
    /// KEXDH_INIT, KEX_ECDH_INIT, the hybrids' init, and GEX's old-style request.
    package static let kexInit30: UInt8 = 30
    /// KEXDH_REPLY, KEX_ECDH_REPLY, and GEX's group.
    package static let kexReply31: UInt8 = 31
    package static let gexInit: UInt8 = 32
    package static let gexReply: UInt8 = 33
    package static let gexRequest: UInt8 = 34
}

/// A server's SSH_MSG_DISCONNECT: its reason code and description (escaped).
package struct SSHDisconnect: Error, Sendable, Hashable, CustomStringConvertible {
    package var reason: UInt32
    package var text: String

    package init(payload: [UInt8]) {
        var reader = SSHReader(payload.dropFirst())
        reason = (try? reader.uint32()) ?? 0
        text = EscapedText.escape(((try? reader.string()) ?? []).prefix(512))
    }

    package var description: String { "the server disconnected (reason \(reason)): \(text)" }
}
