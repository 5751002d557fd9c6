/// A plaintext protocol whose connection is upgraded to TLS by a preamble (STARTTLS, or the
/// protocol's own request) before the first TLS record. Saved in observations by its raw value,
/// which is also the scheme an endpoint is named with (`smtp://host:25`).
package enum StartTLSProtocol: String, Sendable, Hashable, Codable, CaseIterable {
    /// SMTP (RFC 3207): EHLO, the STARTTLS keyword, STARTTLS, 220.
    case smtp
    /// IMAP (RFC 3501 6.2.1): a tagged STARTTLS, OK.
    case imap
    /// POP3 (RFC 2595 4): STLS, +OK.
    case pop3
    /// FTP (RFC 4217 4): AUTH TLS, 234.
    case ftp
    /// LDAP (RFC 4511 4.14): the StartTLS extended operation, resultCode success.
    case ldap
    /// XMPP between a client and its server (RFC 6120 5): the stream's starttls feature, proceed.
    case xmpp
    /// XMPP between servers (RFC 6120 5), in the jabber:server namespace.
    case xmppServer = "xmpp-server"
    /// PostgreSQL's SSLRequest (protocol 3, message 80877103), answered `S`.
    case postgres
    /// MySQL and MariaDB: the greeting's CLIENT_SSL flag, then the client's SSL request packet.
    case mysql
    /// NNTP (RFC 4642): STARTTLS, 382.
    case nntp
    /// ManageSieve (RFC 5804 2.2): the STARTTLS capability, STARTTLS, OK.
    case sieve

    /// How people write the protocol (`SMTP`, `PostgreSQL`).
    package var displayName: String {
        switch self {
        case .smtp: "SMTP"
        case .imap: "IMAP"
        case .pop3: "POP3"
        case .ftp: "FTP"
        case .ldap: "LDAP"
        case .xmpp: "XMPP"
        case .xmppServer: "XMPP (server to server)"
        case .postgres: "PostgreSQL"
        case .mysql: "MySQL"
        case .nntp: "NNTP"
        case .sieve: "ManageSieve"
        }
    }

    /// The registered port of the plaintext service (IANA service names and port numbers).
    package var defaultPort: Int {
        switch self {
        case .smtp: 25
        case .imap: 143
        case .pop3: 110
        case .ftp: 21
        case .ldap: 389
        case .xmpp: 5222
        case .xmppServer: 5269
        case .postgres: 5432
        case .mysql: 3306
        case .nntp: 119
        case .sieve: 4190
        }
    }

    /// The URL schemes (and `--starttls` names) of each protocol, with the port each implies:
    /// `submission` is SMTP on 587, `postgresql` and `xmpp-client` are other spellings.
    package static let schemes: [String: (StartTLSProtocol, port: Int)] = {
        var table: [String: (StartTLSProtocol, port: Int)] = [:]
        for value in allCases { table[value.rawValue] = (value, value.defaultPort) }
        table["submission"] = (.smtp, 587)
        table["postgresql"] = (.postgres, 5432)
        table["xmpp-client"] = (.xmpp, 5222)
        return table
    }()

    /// The protocol a bare `host:port` implies by its well-known port; `nil` for other ports
    /// (plain TLS from the first byte).
    package static func implied(byPort port: Int) -> StartTLSProtocol? {
        port == 587 ? .smtp : allCases.first { $0.defaultPort == port }
    }
}
