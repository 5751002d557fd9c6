/// SMTP STARTTLS (RFC 3207): the 220 greeting, EHLO, the STARTTLS keyword among the EHLO
/// reply's lines, STARTTLS, and 220 before TLS.
enum SMTPPreamble {
    /// The EHLO name: a reserved domain (RFC 2606), as the scanner has no name of its own.
    static let clientName = "cryptcheck.invalid"

    static func run(_ channel: PreambleChannel) throws {
        let greeting = try ReplyCodeReply.read(from: channel)
        guard greeting.code == 220 else {
            throw StartTLSError.refused("SMTP server greeted with \(greeting.code), not 220", answer: greeting.last)
        }
        try channel.sendLine("EHLO \(clientName)")
        let hello = try ReplyCodeReply.read(from: channel)
        guard hello.code == 250 else { throw StartTLSError.refused("SMTP server refused EHLO", answer: hello.last) }
        // The first line is the server's name; each further line is one keyword with parameters.
        let offered = hello.lines.dropFirst().contains { line in
            line.split(separator: 0x20).first.map { String(decoding: $0, as: UTF8.self).uppercased() == "STARTTLS" } ?? false
        }
        guard offered else {
            throw StartTLSError.refused("SMTP server does not offer STARTTLS (no STARTTLS in its EHLO reply)", answer: hello.last)
        }
        try channel.sendLine("STARTTLS")
        let answer = try ReplyCodeReply.read(from: channel)
        guard answer.code == 220 else { throw StartTLSError.refused("SMTP server refused STARTTLS", answer: answer.last) }
        try channel.finish()
    }
}
