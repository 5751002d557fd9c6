/// PostgreSQL's SSLRequest (protocol 3, "SSL Session Encryption"): the request code 80877103
/// in an 8-byte message, answered by one byte, `S` to start TLS, `N` to refuse.
enum PostgresPreamble {
    /// Length 8, then 1234 << 16 | 5679 (80877103), big-endian.
    static let request: [UInt8] = [0x00, 0x00, 0x00, 0x08, 0x04, 0xD2, 0x16, 0x2F]

    static func run(_ channel: PreambleChannel) throws {
        try channel.send(request)
        let answer = try channel.read(count: 1)
        switch answer[0] {
        case UInt8(ascii: "S"):
            try channel.finish()
        case UInt8(ascii: "N"):
            throw StartTLSError.refused("PostgreSQL server does not accept SSL (answered N to the SSLRequest)")
        case UInt8(ascii: "E"):
            // A server before protocol 3 answers with an error message instead.
            throw StartTLSError.refused("PostgreSQL server answered the SSLRequest with an error", answer: answer)
        default:
            throw StartTLSError.malformed("PostgreSQL server answered the SSLRequest with neither S nor N", answer: answer)
        }
    }
}
