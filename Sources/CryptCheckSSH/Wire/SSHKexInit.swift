import CryptCheckModel
import CryptCheckOpenSSL

/// SSH_MSG_KEXINIT (RFC 4253 7.1): read from a server, written by the scanner.
package enum SSHKexInit {
    /// The facts of a KEXINIT payload (message number included).
    package static func parse(_ payload: [UInt8]) throws -> SSHKexInitFacts {
        var reader = SSHReader(payload)
        guard try reader.byte() == SSHMessage.kexInit else {
            throw SSHWireError(.sshWireUnexpected, "expected KEXINIT (20), got message \(payload.first ?? 0)")
        }
        _ = try reader.raw(16)  // cookie
        var lists: [[String]] = []
        for _ in 0..<10 { lists.append(try reader.nameList()) }
        let follows = try reader.boolean()
        _ = try reader.uint32()  // reserved
        return SSHKexInitFacts(
            kexAlgorithms: lists[0], hostKeyAlgorithms: lists[1], ciphersClientToServer: lists[2],
            ciphersServerToClient: lists[3], macsClientToServer: lists[4], macsServerToClient: lists[5],
            compressionClientToServer: lists[6], compressionServerToClient: lists[7], languagesClientToServer: lists[8],
            languagesServerToClient: lists[9], firstKexPacketFollows: follows)
    }

    /// A client KEXINIT offering these lists, with a random cookie.
    package static func build(_ offer: SSHKexInitFacts) -> [UInt8] {
        var writer = SSHWriter()
        writer.byte(SSHMessage.kexInit)
        writer.raw(RandomBytes.make(16))
        for list in [
            offer.kexAlgorithms, offer.hostKeyAlgorithms, offer.ciphersClientToServer, offer.ciphersServerToClient,
            offer.macsClientToServer, offer.macsServerToClient, offer.compressionClientToServer,
            offer.compressionServerToClient, offer.languagesClientToServer, offer.languagesServerToClient,
        ] {
            writer.nameList(list)
        }
        writer.boolean(false)
        writer.uint32(0)
        return writer.bytes
    }
}
