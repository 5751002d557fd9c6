/// NNTP STARTTLS (RFC 4642 2.2): the 200 or 201 greeting, STARTTLS, and 382 before TLS.
enum NNTPPreamble {
    static func run(_ channel: PreambleChannel) throws {
        let greeting = try ReplyCodeReply.read(from: channel, multiline: false)
        guard greeting.code == 200 || greeting.code == 201 else {
            throw StartTLSError.refused("NNTP server greeted with \(greeting.code), not 200 or 201", answer: greeting.last)
        }
        try channel.sendLine("STARTTLS")
        let answer = try ReplyCodeReply.read(from: channel, multiline: false)
        guard answer.code == 382 else { throw StartTLSError.refused("NNTP server refused STARTTLS", answer: answer.last) }
        try channel.finish()
    }
}
