import CryptCheckModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TLS endpoint as named on the command line: `host`, `host:port`, `[v6]:port`, a bare IPv6
/// address, or a URL whose scheme gives the default port (`https://host/path` → port 443; the
/// path is ignored, as testssl.sh does). A STARTTLS scheme (`smtp://host`) or a protocol's
/// well-known port (`host:25`) makes the scan upgrade each connection first; `host:port{address}`
/// connects to the address and keeps the host as the name.
package struct EndpointTarget: Sendable, Hashable {
    package var host: String
    package var port: Int
    /// The URL scheme the target was given with, if any.
    package var scheme: String?
    /// The plaintext protocol upgraded to TLS first: from a STARTTLS scheme, else implied by a
    /// well-known port; `nil` for TLS from the first byte.
    package var starttls: StartTLSProtocol?
    /// The address given in braces after the target (`host:443{192.0.2.1}`): connected to
    /// instead of resolving the host, which stays the name and the server name.
    package var connectAddress: String?

    package init(host: String, port: Int, scheme: String? = nil) {
        self.host = host
        self.port = port
        self.scheme = scheme
    }

    /// Why a target could not be read, in words that name the target.
    /// The scheme of an SSH endpoint (`ssh://host[:port]`, port 22 by default): scanned by the
    /// SSH scanner, never as TLS.
    package static let sshScheme = "ssh"

    /// Whether the target names an SSH endpoint (`ssh://`).
    package var isSSH: Bool { scheme == Self.sshScheme }

    package struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        package let description: String
        init(_ target: String, _ problem: String) {
            description = "'\(EscapedText.terminalSafe(target))': \(problem)"
        }
    }

    /// Schemes of protocols that run TLS from the first byte, with their registered ports.
    package static let directTLSPorts: [String: Int] = [
        "https": 443, "wss": 443, "ldaps": 636, "imaps": 993, "pop3s": 995, "smtps": 465, "submissions": 465,
        "ftps": 990, "nntps": 563, "ircs": 6697, "sips": 5061, "mqtts": 8883, "amqps": 5671, "tls": 443,
    ]

    /// Schemes of protocols that start in plaintext and have no STARTTLS the scanner runs.
    static let plaintextSchemes: Set<String> = ["http", "ws", "irc", "sip", "mqtt", "amqp", "telnet"]

    /// Reads a target. Throws `SyntaxError` for anything that is not a host (name or address)
    /// with an optional port and an optional `{address}`, or a URL of a direct-TLS or STARTTLS scheme.
    package static func parse(_ text: String) throws(SyntaxError) -> EndpointTarget {
        var rest = Substring(text)
        var connectAddress: String?
        if rest.hasSuffix("}"), let open = rest.lastIndex(of: "{") {
            let address = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
            guard isIPLiteral(address) else {
                throw SyntaxError(text, "'{\(EscapedText.terminalSafe(address))}' must hold an IP address to connect to")
            }
            connectAddress = address
            rest = rest[..<open]
        }
        var scheme: String?
        var defaultPort = 443
        var starttls: StartTLSProtocol?
        if let separator = rest.range(of: "://") {
            let name = rest[..<separator.lowerBound].lowercased()
            if let port = directTLSPorts[name] {
                defaultPort = port
            } else if name == Self.sshScheme {
                defaultPort = 22
            } else if let (upgraded, port) = StartTLSProtocol.schemes[name] {
                defaultPort = port
                starttls = upgraded
            } else if plaintextSchemes.contains(name) {
                throw SyntaxError(
                    text,
                    name == "http" || name == "ws"
                        ? "\(name):// is plaintext; name the TLS endpoint (https://, or HOST:443)"
                        : "\(name):// starts in plaintext without a STARTTLS the scanner runs; name the service's TLS port")
            } else {
                throw SyntaxError(text, "unknown URL scheme '\(EscapedText.terminalSafe(name))'")
            }
            scheme = name
            rest = rest[separator.upperBound...]
            // The authority ends at the path, query or fragment; user information is dropped.
            if let end = rest.firstIndex(where: { "/?#".contains($0) }) { rest = rest[..<end] }
            if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        }
        guard !rest.isEmpty else { throw SyntaxError(text, "no host") }
        if scheme == nil, rest.contains("/") {
            throw SyntaxError(text, "a path needs a URL scheme: write https://HOST[:PORT]/PATH, or HOST[:PORT] alone")
        }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw SyntaxError(text, "an IPv6 address in brackets lacks its ']'") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw SyntaxError(text, "expected ':PORT' after ']'") }
                portText = after.dropFirst()
            }
            guard isIPv6(String(host)) else {
                throw SyntaxError(text, "'\(EscapedText.terminalSafe(String(host)))' in brackets is not an IPv6 address")
            }
        } else if rest.filter({ $0 == ":" }).count > 1 {
            guard scheme == nil, isIPv6(String(rest)) else {
                throw SyntaxError(text, "not HOST[:PORT]; write an IPv6 address with a port as [ADDRESS]:PORT")
            }
            host = rest
        } else if let colon = rest.firstIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        var port = defaultPort
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value), portText.allSatisfy(\.isASCII) else {
                throw SyntaxError(text, "the port must be a number from 1 to 65535")
            }
            port = value
        }
        let name = String(host)
        guard isIPLiteral(name) || isHostName(name) else {
            throw SyntaxError(text, "'\(EscapedText.terminalSafe(name))' is neither a host name nor an IP address")
        }
        var target = EndpointTarget(host: name, port: port, scheme: scheme)
        target.starttls = scheme == nil ? StartTLSProtocol.implied(byPort: port) : starttls
        target.connectAddress = connectAddress
        return target
    }

    /// True for an IPv4 or IPv6 address literal (which RFC 6066 3 forbids as a server name).
    package static func isIPLiteral(_ text: String) -> Bool { isIPv4(text) || isIPv6(text) }

    static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    static func isIPv6(_ text: String) -> Bool {
        var address = in6_addr()
        // A zone (fe80::1%eth0) is allowed on the command line; the address before it must parse.
        let bare = text.split(separator: "%", maxSplits: 1).first.map(String.init) ?? text
        return !bare.isEmpty && inet_pton(AF_INET6, bare, &address) == 1
    }

    /// A DNS name in letters, digits, hyphens and underscores (RFC 1123, with the underscores
    /// real service names use), labels of 1 to 63 characters, 253 in all; one trailing dot allowed.
    /// Internationalised names must be given in their ASCII (xn--) form.
    package static func isHostName(_ text: String) -> Bool {
        let name = text.hasSuffix(".") ? String(text.dropLast()) : text
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        // All digits and dots is a malformed IPv4 address, not a name.
        if name.allSatisfy({ $0 == "." || $0.isASCII && $0.isNumber }) { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.utf8.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.utf8.allSatisfy { byte in
                    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                        || byte == 0x2D || byte == 0x5F
                }
        }
    }
}
