/// XMPP STARTTLS (RFC 6120 5.4): the client opens a stream to the domain, the server's stream
/// features must hold `<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>`; the client sends
/// `<starttls/>` and TLS starts after `<proceed/>` (`<failure/>` refuses).
enum XMPPPreamble {
    static func run(_ channel: PreambleChannel, domain: String, serverToServer: Bool) throws {
        let namespace = serverToServer ? "jabber:server" : "jabber:client"
        let name = serverToServer ? "XMPP server (server to server)" : "XMPP server"
        let safeDomain = domain.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-._:".contains($0)) }
        try channel.send(
            Array(
                ("<?xml version='1.0'?><stream:stream xmlns='\(namespace)' xmlns:stream='http://etherx.jabber.org/streams' "
                    + "to='\(safeDomain)' version='1.0'>").utf8))
        let features = try readFeatures(channel, name: name)
        guard PreambleChannel.find(Array("<starttls".utf8), in: features) != nil else {
            throw StartTLSError.refused("\(name) does not offer STARTTLS (no <starttls/> among its stream features)")
        }
        try channel.send(Array("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>".utf8))
        let answer = try channel.read(through: Array(">".utf8))
        let trimmed = Array(answer.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
        if trimmed.starts(with: Array("<proceed".utf8)) {
            let selfClosing = answer.count >= 2 && answer[answer.count - 2] == UInt8(ascii: "/")
            if !selfClosing {
                // `<proceed ...></proceed>`: read the end tag too.
                _ = try channel.read(through: Array("</proceed>".utf8))
            }
            try channel.finish()
            return
        }
        if trimmed.starts(with: Array("<failure".utf8)) {
            throw StartTLSError.refused("\(name) refused STARTTLS with <failure/>", answer: answer)
        }
        throw StartTLSError.refused("\(name) answered STARTTLS with neither <proceed/> nor <failure/>", answer: answer)
    }

    /// Everything up to the end of the server's `<stream:features>` element; a stream error
    /// before it is a refusal.
    static func readFeatures(_ channel: PreambleChannel, name: String) throws -> [UInt8] {
        var seen: [UInt8] = []
        while true {
            seen += try channel.read(through: Array(">".utf8))
            if PreambleChannel.find(Array("<stream:error".utf8), in: seen) != nil {
                seen += (try? channel.read(through: Array("</stream:error>".utf8))) ?? []
                throw StartTLSError.refused("\(name) answered the stream header with a stream error", answer: seen)
            }
            guard let start = PreambleChannel.find(Array("<stream:features".utf8), in: seen) else { continue }
            let element = Array(seen[start.lowerBound...])
            // `<stream:features/>`: the opening tag alone, closed by itself.
            if element.firstIndex(of: UInt8(ascii: ">")) == element.count - 1, element.dropLast().last == UInt8(ascii: "/") {
                return element
            }
            if PreambleChannel.find(Array("</stream:features>".utf8), in: element) != nil { return element }
        }
    }
}
