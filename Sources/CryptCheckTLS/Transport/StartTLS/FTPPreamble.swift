/// FTP AUTH TLS (RFC 4217 4): the 220 greeting, AUTH TLS, and 234 before TLS.
enum FTPPreamble {
    static func run(_ channel: PreambleChannel) throws {
        let greeting = try ReplyCodeReply.read(from: channel, freeText: true)
        guard greeting.code == 220 else {
            throw StartTLSError.refused("FTP server greeted with \(greeting.code), not 220", answer: greeting.last)
        }
        try channel.sendLine("AUTH TLS")
        let answer = try ReplyCodeReply.read(from: channel, freeText: true)
        guard answer.code == 234 else { throw StartTLSError.refused("FTP server refused AUTH TLS", answer: answer.last) }
        try channel.finish()
    }
}
