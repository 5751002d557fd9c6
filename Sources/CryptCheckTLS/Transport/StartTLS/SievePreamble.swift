/// ManageSieve STARTTLS (RFC 5804 1.7, 2.2): the capability lines the server sends on
/// connecting, ended by OK, must list "STARTTLS"; then STARTTLS, and OK before TLS.
enum SievePreamble {
    static func run(_ channel: PreambleChannel) throws {
        var offered = false
        var greeted = false
        for _ in 0..<PreambleChannel.lineCountLimit {
            let line = try channel.readLine()
            let word = Self.firstWord(line)
            if word == "OK" {
                greeted = true
                break
            }
            if word == "NO" || word == "BYE" { throw StartTLSError.refused("ManageSieve server refused the session", answer: line) }
            if word == "\"STARTTLS\"" { offered = true }
        }
        guard greeted else {
            throw StartTLSError.malformed("ManageSieve server sent more than \(PreambleChannel.lineCountLimit) capability lines")
        }
        guard offered else { throw StartTLSError.refused("ManageSieve server does not offer STARTTLS (no \"STARTTLS\" capability)") }
        try channel.sendLine("STARTTLS")
        let answer = try channel.readLine()
        guard firstWord(answer) == "OK" else { throw StartTLSError.refused("ManageSieve server refused STARTTLS", answer: answer) }
        try channel.finish()
    }

    /// The first space-separated word, upper-cased (`"STARTTLS"` keeps its quotes).
    static func firstWord(_ line: [UInt8]) -> String {
        String(decoding: line.split(separator: 0x20).first ?? [], as: UTF8.self).uppercased()
    }
}
