import CryptCheckModel

/// A connection during a STARTTLS preamble: every read bounded by the probe's deadline, by a
/// line length and by a total, so that a server can neither hang the probe past its deadline
/// nor make it hold more than `totalLimit` bytes. Bytes left over after the server's final
/// answer are an error (`finish`): TLS must start on a clean stream, and a server that sends
/// ahead of the ClientHello is either broken or injecting (CVE-2011-0411).
final class PreambleChannel {
    /// The longest line read; RFC 5321 4.5.3.1.5 allows 512 octets for SMTP replies, the
    /// other line protocols less or similar. Longer is malformed.
    static let lineLimit = 4096
    /// The most bytes read during one preamble (greeting, capabilities, answers).
    static let totalLimit = 65_536
    /// The most lines of one multi-line reply or list of untagged answers.
    static let lineCountLimit = 256
    /// The most bytes of a server's answer quoted in an error.
    static let quoteLimit = 160

    let connection: any TransportConnection
    let deadline: ContinuousClock.Instant
    /// The protocol's name, for errors (`SMTP`).
    let name: String
    private var buffer: [UInt8] = []
    private var received = 0

    init(_ connection: any TransportConnection, deadline: ContinuousClock.Instant, name: String) {
        self.connection = connection
        self.deadline = deadline
        self.name = name
    }

    /// Sends `bytes`; a failure names the protocol and the step.
    func send(_ bytes: [UInt8]) throws {
        do {
            try connection.send(bytes, deadline: deadline)
        } catch let error as ConnectionError {
            throw StartTLSError(error.code, "\(name) preamble: \(error)")
        }
    }

    /// Sends `text` as ASCII followed by CRLF.
    func sendLine(_ text: String) throws { try send(Array(text.utf8) + [0x0D, 0x0A]) }

    /// One line without its CRLF (a lone LF also ends it).
    func readLine() throws -> [UInt8] {
        var searched = 0
        while true {
            if let end = buffer[searched...].firstIndex(of: 0x0A), end <= Self.lineLimit {
                var line = Array(buffer[..<end])
                buffer.removeFirst(end + 1)
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            searched = buffer.count
            guard buffer.count <= Self.lineLimit else {
                throw StartTLSError.malformed(
                    "\(name) server sent a line longer than \(Self.lineLimit) bytes", answer: Array(buffer.prefix(Self.quoteLimit)))
            }
            try fill(what: "a line")
        }
    }

    /// Exactly `count` bytes.
    func read(count: Int) throws -> [UInt8] {
        guard count <= Self.totalLimit else {
            throw StartTLSError.malformed("\(name) server announced \(count) bytes, more than \(Self.totalLimit)")
        }
        while buffer.count < count { try fill(what: "\(count) bytes") }
        let bytes = Array(buffer.prefix(count))
        buffer.removeFirst(count)
        return bytes
    }

    /// Everything read until `marker` appears, the marker included; bytes after it stay buffered.
    func read(through marker: [UInt8]) throws -> [UInt8] {
        while true {
            if let range = Self.find(marker, in: buffer) {
                let bytes = Array(buffer[..<range.upperBound])
                buffer.removeFirst(range.upperBound)
                return bytes
            }
            try fill(what: "'\(String(decoding: marker, as: UTF8.self))'")
        }
    }

    /// Checks that the server sent nothing after its final answer: the connection is handed to TLS.
    func finish() throws {
        guard buffer.isEmpty else {
            throw StartTLSError.malformed(
                "\(name) server sent \(buffer.count) bytes after its answer to STARTTLS, before the TLS handshake",
                answer: Array(buffer.prefix(Self.quoteLimit)))
        }
    }

    /// The first index range of `marker` in `bytes`.
    static func find(_ marker: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
        guard !marker.isEmpty, bytes.count >= marker.count else { return nil }
        for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] {
            if bytes[start..<start + marker.count].elementsEqual(marker) { return start..<start + marker.count }
        }
        return nil
    }

    /// A server's bytes as a person may see them: at most `quoteLimit`, escaped (no control
    /// byte, no bidirectional override reaches a terminal).
    static func shown(_ bytes: [UInt8]) -> String {
        let cut = bytes.count > quoteLimit
        return "\"" + EscapedText.escape(Array(bytes.prefix(quoteLimit))) + (cut ? "…" : "") + "\""
    }

    /// Reads more into the buffer: at most what the total still allows, before the deadline.
    private func fill(what: String) throws {
        let room = Self.totalLimit - received
        guard room > 0 else {
            throw StartTLSError.malformed("\(name) server sent more than \(Self.totalLimit) bytes during the preamble")
        }
        let bytes: [UInt8]
        do {
            bytes = try connection.receive(limit: min(room, 16_384), deadline: deadline)
        } catch let error as ConnectionError {
            let seen = buffer.isEmpty ? "" : " (after \(Self.shown(buffer)))"
            throw StartTLSError(error.code, "\(name) preamble: \(error) for \(what)\(seen)")
        }
        guard !bytes.isEmpty else {
            let seen = buffer.isEmpty ? "" : " after \(Self.shown(buffer))"
            throw StartTLSError.refused("\(name) server closed the connection during the preamble\(seen)")
        }
        received += bytes.count
        buffer += bytes
    }
}
