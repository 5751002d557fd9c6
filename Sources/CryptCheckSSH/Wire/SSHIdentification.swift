import CryptCheckModel

/// The identification string exchange (RFC 4253 4.2): the server may send lines before its
/// version line; the scanner reads at most `lineLimit` of them, each at most
/// `preambleLineBytes` long, and a version line of at most 255 bytes with its CR LF.
package enum SSHIdentification {
    /// What cryptcheck sends: a version line of the protocol it speaks and its name.
    package static let client = "SSH-2.0-cryptcheck"
    /// Lines before the version line the scanner reads (OpenSSH's client reads 1024; 64 is
    /// more than any real server sends, a legal banner included).
    package static let lineLimit = 64
    /// The longest line before the version line the scanner reads.
    package static let preambleLineBytes = 1024
    /// RFC 4253 4.2: the version line is at most 255 bytes, CR LF included.
    package static let versionLineBytes = 255

    /// What the scanner read: the version line (without its line end) and where the bytes
    /// after it start.
    package struct Parsed: Sendable, Hashable {
        /// The version line's bytes, without CR LF.
        package var line: [UInt8]
        /// How many bytes of the input the lines took.
        package var consumed: Int
        /// The protocol version (`2.0`, `1.99`, `1.5`).
        package var protocolVersion: String
        /// The line as text for a person, escaped.
        package var text: String { EscapedText.escape(line) }
    }

    /// Reads the identification from the start of `bytes`: `nil` when more bytes are needed
    /// (no complete version line yet, and the limits not reached), the parsed line, or an
    /// error for input past the limits or a line that is not SSH.
    package static func parse(_ bytes: [UInt8]) throws -> Parsed? {
        var start = 0
        var lines = 0
        while true {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            let isVersion = bytes.count - start >= 4 && Array(bytes[start..<start + 4]) == Array("SSH-".utf8)
            let limit = isVersion ? versionLineBytes : preambleLineBytes
            guard let end else {
                if bytes.count - start > limit {
                    throw SSHWireError(
                        .sshWireOversized,
                        isVersion
                            ? "the version line runs past \(versionLineBytes) bytes (RFC 4253 4.2)"
                            : "a line before the version line runs past \(preambleLineBytes) bytes")
                }
                return nil
            }
            guard end - start + 1 <= limit else {
                throw SSHWireError(
                    .sshWireOversized,
                    isVersion
                        ? "the version line is \(end - start + 1) bytes, past the \(versionLineBytes) RFC 4253 4.2 allows"
                        : "a line before the version line is \(end - start + 1) bytes, past the \(preambleLineBytes) the scanner reads")
            }
            if isVersion {
                var line = Array(bytes[start..<end])
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                guard let dash = line.dropFirst(4).firstIndex(of: UInt8(ascii: "-")) else {
                    throw SSHWireError(.sshWireMalformed, "the version line '\(EscapedText.escape(line))' names no software version")
                }
                let version = String(decoding: line[4..<dash], as: UTF8.self)
                return Parsed(line: line, consumed: end + 1, protocolVersion: version)
            }
            lines += 1
            if lines >= lineLimit {
                throw SSHWireError(.sshWireOversized, "\(lines) lines before the version line (the scanner reads at most \(lineLimit))")
            }
            start = end + 1
        }
    }
}
