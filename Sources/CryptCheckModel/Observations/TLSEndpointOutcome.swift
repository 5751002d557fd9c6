/// What happened at an endpoint as a whole: whether any TLS handshake got as far as a
/// ServerHello, and if none did, why. An endpoint whose outcome is not `handshake` was not
/// observed: nothing about it can pass.
package struct TLSEndpointOutcome: Sendable, Hashable, Codable {
    /// The kinds of outcome, from "it spoke TLS" to the ways it did not.
    package enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// At least one ClientHello was answered with a ServerHello.
        case handshake
        /// The host name could not be resolved.
        case unresolved
        /// No TCP connection could be made (refused, no route, timed out connecting).
        case unreachable
        /// The server answered with bytes that are not TLS records (HTTP, SSH, a banner).
        case notTLS = "not-tls"
        /// Every hello was refused with a fatal alert.
        case refused
        /// The server closed or reset every connection without answering.
        case closed
        /// The server accepted the connection and sent nothing before the deadline.
        case silent
        /// The server answered with TLS records that were cut off or malformed.
        case malformed
        /// The probes failed in other ways (each failure is recorded with the version probed).
        case failed
        /// The plaintext preamble before TLS did not end in an upgrade: the server refused
        /// STARTTLS (or its protocol's request), answered outside the protocol, or not in time.
        case starttls
    }

    package var kind: Kind
    /// What was seen, in words (the alert, the connection error, the malformed record).
    package var detail: String?
    /// The stable code of the error behind `detail` when there was one (`connection.refused`,
    /// `tls.truncated`); `nil` for an alert, a silent or closed server, or in observations
    /// saved before codes were recorded.
    package var code: ErrorCode?
    /// The first bytes the server answered, as lower-case hex (at most 32 bytes), when they
    /// were not TLS or were malformed. Shown to a person only escaped (`printable`).
    package var firstBytes: String?

    package init(kind: Kind, detail: String? = nil, code: ErrorCode? = nil, firstBytes: String? = nil) {
        self.kind = kind
        self.detail = detail
        self.code = code
        self.firstBytes = firstBytes
    }

    /// True when a TLS handshake was observed.
    package var isHandshake: Bool { kind == .handshake }

    /// One line for a person: what happened, with the first bytes shown escaped.
    package var summary: String {
        var text: String
        switch kind {
        case .handshake: text = "TLS handshake completed"
        case .unresolved: text = "host name not resolved"
        case .unreachable: text = "unreachable (no TCP connection)"
        case .notTLS: text = "not TLS"
        case .refused: text = "every hello refused"
        case .closed: text = "every connection closed without an answer"
        case .silent: text = "no answer to any hello"
        case .malformed: text = "malformed TLS answer"
        case .failed: text = "every probe failed"
        case .starttls: text = "STARTTLS upgrade failed"
        }
        if let detail, !detail.isEmpty { text += ": " + detail }
        if let firstBytes, let bytes = Self.bytes(hex: firstBytes) {
            text += " (first bytes: \"\(Self.printable(bytes))\")"
        }
        return text
    }

    /// Bytes as text a terminal shows literally: printable ASCII as is, `\r`, `\n`, `\t`, `\\`
    /// and `\"` escaped, everything else as `\xNN`. Never lets a control byte through.
    package static func printable(_ bytes: some Sequence<UInt8>) -> String {
        var out = ""
        for byte in bytes {
            switch byte {
            case 0x0D: out += "\\r"
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x5C: out += "\\\\"
            case 0x22: out += "\\\""
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += "\\x" + Hex.lower(CollectionOfOne(byte))
            }
        }
        return out
    }

    /// Bytes from lower- or upper-case hex; `nil` for an odd length or a non-hex digit.
    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = UInt8(String(UnicodeScalar(digits[index])), radix: 16),
                let low = UInt8(String(UnicodeScalar(digits[index + 1])), radix: 16)
            else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}
