/// MySQL and MariaDB: the server's initial handshake packet (protocol 10) must set CLIENT_SSL
/// among its capability flags; then the client's SSL request packet (sequence 1: its
/// capabilities with CLIENT_SSL, the largest packet, a character set, 23 zero bytes) and TLS.
enum MySQLPreamble {
    static let clientLongPassword: UInt32 = 0x0000_0001
    static let clientProtocol41: UInt32 = 0x0000_0200
    static let clientSSL: UInt32 = 0x0000_0800
    static let clientSecureConnection: UInt32 = 0x0000_8000
    /// The largest packet a server greeting is read up to.
    static let greetingLimit = 16_384

    /// The SSL request: 32 bytes after the 4-byte header (length 32, sequence 1).
    static var request: [UInt8] {
        let flags = clientLongPassword | clientProtocol41 | clientSSL | clientSecureConnection
        var payload: [UInt8] = (0..<4).map { UInt8(truncatingIfNeeded: flags >> (8 * $0)) }
        payload += [0x00, 0x00, 0x00, 0x01]  // max packet size 16 MiB, little-endian
        payload += [0x21]  // utf8_general_ci
        payload += [UInt8](repeating: 0, count: 23)
        return [UInt8(payload.count), 0x00, 0x00, 0x01] + payload
    }

    static func run(_ channel: PreambleChannel) throws {
        let header = try channel.read(count: 4)
        let length = Int(header[0]) | Int(header[1]) << 8 | Int(header[2]) << 16
        guard length > 0, length <= greetingLimit else {
            throw StartTLSError.malformed("MySQL server announced a greeting of \(length) bytes", answer: header)
        }
        let greeting = try channel.read(count: length)
        if greeting[0] == 0xFF {
            // An error packet: 2-byte code, then the message (with a # SQL state after 4.1).
            let code = greeting.count >= 3 ? Int(greeting[1]) | Int(greeting[2]) << 8 : 0
            throw StartTLSError.refused("MySQL server refused the connection with error \(code)", answer: Array(greeting.dropFirst(3)))
        }
        guard greeting[0] == 10 else {
            throw StartTLSError.malformed("MySQL server greeted with protocol \(greeting[0]), not 10")
        }
        // Protocol 10: version (NUL-terminated), thread id (4), auth data part 1 (8), filler (1),
        // capability flags, lower 2 bytes.
        guard let end = greeting.dropFirst().firstIndex(of: 0), end + 1 + 4 + 8 + 1 + 2 <= greeting.count else {
            throw StartTLSError.malformed("MySQL server's greeting ends before its capability flags")
        }
        let flagsAt = end + 1 + 4 + 8 + 1
        let flags = UInt32(greeting[flagsAt]) | UInt32(greeting[flagsAt + 1]) << 8
        let version = PreambleChannel.shown(Array(greeting[1..<end]))
        guard flags & clientSSL != 0 else {
            throw StartTLSError.refused("MySQL server \(version) does not offer SSL (no CLIENT_SSL capability)")
        }
        try channel.finish()
        try channel.send(request)
    }
}
