/// IMAP STARTTLS (RFC 3501 6.2.1, RFC 9051 6.2.1): the `* OK` greeting, a tagged STARTTLS,
/// untagged answers skipped, and the tagged OK before TLS.
enum IMAPPreamble {
    static let tag = "a"

    static func run(_ channel: PreambleChannel) throws {
        let greeting = try channel.readLine()
        guard greeting.starts(with: Array("* OK".utf8)) else {
            // `* PREAUTH` means no STARTTLS is allowed (RFC 3501 6.2.1); `* BYE` closes.
            throw StartTLSError.refused("IMAP server did not greet with * OK", answer: greeting)
        }
        try channel.sendLine("\(tag) STARTTLS")
        for _ in 0..<PreambleChannel.lineCountLimit {
            let line = try channel.readLine()
            if line.starts(with: Array("* ".utf8)) { continue }
            let words = line.split(separator: 0x20, maxSplits: 2)
            guard words.count >= 2, String(decoding: words[0], as: UTF8.self) == tag else {
                throw StartTLSError.malformed("IMAP server answered STARTTLS with an untagged or other-tagged line", answer: line)
            }
            guard String(decoding: words[1], as: UTF8.self).uppercased() == "OK" else {
                throw StartTLSError.refused("IMAP server refused STARTTLS", answer: line)
            }
            try channel.finish()
            return
        }
        throw StartTLSError.malformed("IMAP server sent more than \(PreambleChannel.lineCountLimit) untagged lines")
    }
}
