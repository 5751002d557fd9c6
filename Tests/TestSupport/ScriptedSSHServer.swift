import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A scripted SSH server on 127.0.0.1 for what no Debian daemon gives: post-quantum hybrid key
/// exchanges OpenSSH 9.2 lacks (mlkem768x25519-sha256) and hostile or broken peers. It writes
/// the wire format itself (RFC 4251/4253), independently of the scanner's code.
public final class ScriptedSSHServer: @unchecked Sendable {
    /// What the server does on each connection.
    public enum Behaviour: Sendable {
        /// Identification, KEXINIT with `lists`, then negotiation as RFC 4253 7.1 says (the
        /// client's first name that the server lists too); a failed negotiation is a DISCONNECT.
        /// A negotiated hybrid (`mlkem768x25519-sha256`, `sntrup761x25519-sha512@openssh.com`)
        /// gets a reply with a host key, a ciphertext and share of the right sizes, and a
        /// signature blob; any other method a DISCONNECT (the script computes nothing).
        case negotiating(Lists)
        /// Identification and KEXINIT, then silence until the client leaves.
        case silentAfterKexInit(Lists)
        /// Identification, then silence.
        case silentAfterIdentification
        /// Lines that never end the preamble: `line` again and again.
        case endlessPreamble(line: String)
        /// A valid identification, then random bytes without end.
        case endlessBytesAfterBanner
        /// A valid identification, then a packet header announcing 2^32 - 1 bytes.
        case hugePacketLength
        /// This identification line (raw bytes, CR LF added), then garbage with control bytes.
        case garbageAfterBanner(identification: [UInt8])
    }

    /// The server's KEXINIT lists.
    public struct Lists: Sendable {
        public var kex: [String]
        public var hostKeys: [String]
        public var ciphers: [String]
        public var macs: [String]
        public var compression: [String]

        public init(kex: [String], hostKeys: [String], ciphers: [String], macs: [String], compression: [String] = ["none"]) {
            self.kex = kex
            self.hostKeys = hostKeys
            self.ciphers = ciphers
            self.macs = macs
            self.compression = compression
        }
    }

    public static let identification = "SSH-2.0-Scripted_1.0"
    private let server: FakeServer
    public var port: Int { server.port }
    public var connectionCount: Int { server.connectionCount }

    /// `banner` is the identification line the server sends (CR LF added), hostile bytes allowed.
    public init(_ behaviour: Behaviour, banner: [UInt8] = Array(ScriptedSSHServer.identification.utf8)) throws {
        server = try FakeServer { _, connection in
            Self.serve(behaviour, connection, banner: banner + [0x0D, 0x0A])
        }
    }

    // MARK: - Wire helpers

    static func uint32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func string(_ bytes: [UInt8]) -> [UInt8] { uint32(UInt32(bytes.count)) + bytes }
    static func string(_ text: String) -> [UInt8] { string(Array(text.utf8)) }
    static func nameList(_ names: [String]) -> [UInt8] { string(names.joined(separator: ",")) }

    static func packet(_ payload: [UInt8]) -> [UInt8] {
        var padding = 8 - (payload.count + 5) % 8
        if padding < 4 { padding += 8 }
        return uint32(UInt32(payload.count + padding + 1)) + [UInt8(padding)] + payload + [UInt8](repeating: 0, count: padding)
    }

    static func random(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func kexInit(_ lists: Lists) -> [UInt8] {
        var payload: [UInt8] = [20] + random(16)
        for list in [
            lists.kex, lists.hostKeys, lists.ciphers, lists.ciphers, lists.macs, lists.macs, lists.compression, lists.compression, [], [],
        ] {
            payload += nameList(list)
        }
        return packet(payload + [0] + uint32(0))
    }

    static func disconnect(_ text: String) -> [UInt8] { packet([1] + uint32(3) + string(text) + string("")) }

    /// Reads from `connection` until `buffer` holds what `parse` wants, at most 64 KiB in all.
    final class Input {
        let connection: FakeConnection
        var buffer: [UInt8] = []
        init(_ connection: FakeConnection) { self.connection = connection }

        func line() -> [UInt8]? {
            while true {
                if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    defer { buffer.removeFirst(end + 1) }
                    return Array(buffer[..<end])
                }
                guard fill() else { return nil }
            }
        }

        func packet() -> [UInt8]? {
            while true {
                if buffer.count >= 5 {
                    let length = Int(buffer[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
                    guard length <= 65_536, length >= 5 else { return nil }
                    if buffer.count >= 4 + length {
                        let padding = Int(buffer[4])
                        guard padding < length else { return nil }
                        defer { buffer.removeFirst(4 + length) }
                        return Array(buffer[5..<4 + length - padding])
                    }
                }
                guard fill() else { return nil }
            }
        }

        private func fill() -> Bool {
            guard buffer.count < 65_536 else { return false }
            let bytes = connection.read(timeout: 10)
            buffer += bytes
            return !bytes.isEmpty
        }
    }

    /// The name-lists of a KEXINIT payload (after its type and cookie).
    static func lists(ofKexInit payload: [UInt8]) -> [[String]]? {
        guard payload.first == 20, payload.count > 17 else { return nil }
        var offset = 17
        var lists: [[String]] = []
        for _ in 0..<10 {
            guard payload.count - offset >= 4 else { return nil }
            let length = Int(payload[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            offset += 4
            guard payload.count - offset >= length else { return nil }
            let text = String(decoding: payload[offset..<offset + length], as: UTF8.self)
            lists.append(text.isEmpty ? [] : text.split(separator: ",").map(String.init))
            offset += length
        }
        return lists
    }

    /// The KEM ciphertext sizes of the hybrids the script answers.
    static let hybridCiphertext = [
        "mlkem768x25519-sha256": 1088, "sntrup761x25519-sha512@openssh.com": 1039, "sntrup761x25519-sha512": 1039,
    ]
    /// The client's KEM public key sizes.
    static let hybridPublicKey = [
        "mlkem768x25519-sha256": 1184, "sntrup761x25519-sha512@openssh.com": 1158, "sntrup761x25519-sha512": 1158,
    ]

    // MARK: - Behaviours

    static func serve(_ behaviour: Behaviour, _ connection: FakeConnection, banner: [UInt8]) {
        /// Writes `chunk` until the client leaves (a write fails) or 64 MiB went out.
        func endless(_ chunk: () -> [UInt8]) {
            var sent = 0
            while sent < 64 << 20 {
                let bytes = chunk()
                guard connection.writeAll(bytes) else { return }
                sent += bytes.count
            }
        }
        switch behaviour {
        case .negotiating(let lists):
            connection.write(banner)
            let input = Input(connection)
            guard input.line() != nil else { return }
            connection.write(kexInit(lists))
            guard let clientKexInit = input.packet(), let client = Self.lists(ofKexInit: clientKexInit) else { return }
            func chosen(_ clientList: [String], _ serverList: [String]) -> String? { clientList.first { serverList.contains($0) } }
            let kex = chosen(client[0], lists.kex)
            guard let kex, chosen(client[1], lists.hostKeys) != nil, chosen(client[2], lists.ciphers) != nil,
                chosen(client[3], lists.ciphers) != nil, chosen(client[6], lists.compression) != nil,
                chosen(client[7], lists.compression) != nil
            else {
                connection.write(disconnect("no matching algorithm"))
                return
            }
            let aead: (String) -> Bool = { $0.contains("gcm") || $0.contains("chacha20-poly1305") }
            if let cipher = chosen(client[2], lists.ciphers), !aead(cipher), chosen(client[4], lists.macs) == nil {
                connection.write(disconnect("no matching MAC"))
                return
            }
            guard let ciphertext = hybridCiphertext[kex], let publicKey = hybridPublicKey[kex] else {
                connection.write(disconnect("the script answers only hybrid key exchanges"))
                return
            }
            guard let initMessage = input.packet(), initMessage.first == 30, initMessage.count >= 5 else { return }
            let share = Array(initMessage[5...])
            guard share.count == publicKey + 32 else {
                connection.write(disconnect("a \(kex) share of \(share.count) bytes"))
                return
            }
            let hostKey = string("ssh-ed25519") + string(random(32))
            let signature = string("ssh-ed25519") + string(random(64))
            connection.write(packet([31] + string(hostKey) + string(random(ciphertext + 32)) + string(signature)))
            _ = input.packet()  // the client leaves
        case .silentAfterKexInit(let lists):
            connection.write(banner)
            connection.write(kexInit(lists))
            while !connection.read(timeout: 30).isEmpty {}
        case .silentAfterIdentification:
            connection.write(banner)
            while !connection.read(timeout: 30).isEmpty {}
        case .endlessPreamble(let line):
            let bytes = Array((line + "\r\n").utf8)
            let chunk = Array([[UInt8]](repeating: bytes, count: max(1, 4096 / bytes.count)).joined())
            endless { chunk }
        case .endlessBytesAfterBanner:
            connection.write(banner)
            let chunk = random(16_384)
            endless { chunk }
        case .hugePacketLength:
            connection.write(banner)
            connection.write([0xFF, 0xFF, 0xFF, 0xFF, 4] + random(64))
            while !connection.read(timeout: 30).isEmpty {}
        case .garbageAfterBanner(let identification):
            connection.write(identification + [0x0D, 0x0A])
            connection.write([0, 0, 0, 12, 4, 0x1B, 0x5B, 0x32, 0x4A, 0x07, 0x9B, 0, 0, 0, 0, 0] + Array("\u{1B}]0;pwned\u{07}".utf8))
            while !connection.read(timeout: 30).isEmpty {}
        }
    }
}
