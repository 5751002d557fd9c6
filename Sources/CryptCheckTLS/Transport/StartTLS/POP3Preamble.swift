/// POP3 STLS (RFC 2595 4): the +OK greeting, STLS, and +OK before TLS.
enum POP3Preamble {
    static func run(_ channel: PreambleChannel) throws {
        let greeting = try channel.readLine()
        guard greeting.starts(with: Array("+OK".utf8)) else {
            throw StartTLSError.refused("POP3 server did not greet with +OK", answer: greeting)
        }
        try channel.sendLine("STLS")
        let answer = try channel.readLine()
        guard answer.starts(with: Array("+OK".utf8)) else {
            throw StartTLSError.refused("POP3 server refused STLS", answer: answer)
        }
        try channel.finish()
    }
}
