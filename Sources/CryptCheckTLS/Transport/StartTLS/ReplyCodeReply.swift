/// A reply of the protocols that answer with three-digit codes (SMTP, RFC 5321 4.2; FTP,
/// RFC 959 4.2; NNTP, RFC 3977 3.2): one line `CODE text`, or several lines from `CODE-text` to
/// `CODE text`. SMTP puts the code on every line; FTP only on the first and the last, the lines
/// between being any text (RFC 959 4.2: a server pads a line that would start with digits, but
/// nothing else is required of them), so `freeText` reads those as the reply's text.
struct ReplyCodeReply {
    /// The reply code (220, 250, 502).
    let code: Int
    /// Each line's text after the code and its separator (a free text line whole).
    let lines: [[UInt8]]
    /// The last line as received, for errors.
    let last: [UInt8]

    /// Reads one reply; `multiline` allows `CODE-` continuation lines (not in NNTP);
    /// `freeText` lets the lines between the first and the last be any text (FTP).
    static func read(from channel: PreambleChannel, multiline: Bool = true, freeText: Bool = false) throws -> ReplyCodeReply {
        var lines: [[UInt8]] = []
        var code: Int?
        while lines.count < PreambleChannel.lineCountLimit {
            let line = try channel.readLine()
            let coded =
                line.count >= 3 && line.prefix(3).allSatisfy({ (0x30...0x39).contains($0) })
                && (line.count == 3 || line[3] == 0x20 || (multiline && line[3] == 0x2D))
            let value: Int? = coded ? line.prefix(3).reduce(0, { $0 * 10 + Int($1 - 0x30) }) : nil
            if let first = code, freeText, value != first || (line.count > 3 && line[3] == 0x2D) {
                // Within an FTP reply: text, unless it is the last line (the code and a space).
                lines.append(line)
                continue
            }
            guard let value else {
                throw StartTLSError.malformed("\(channel.name) server answered a line that is not a reply", answer: line)
            }
            guard code == nil || code == value else {
                throw StartTLSError.malformed("\(channel.name) server changed the reply code within one reply", answer: line)
            }
            code = value
            lines.append(Array(line.dropFirst(4)))
            if line.count == 3 || line[3] == 0x20 { return ReplyCodeReply(code: value, lines: lines, last: line) }
        }
        throw StartTLSError.malformed("\(channel.name) server sent a reply of more than \(PreambleChannel.lineCountLimit) lines")
    }
}
