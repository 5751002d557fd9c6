/// A TLS protocol feature an endpoint is probed for.
package struct ProtocolFeature: Vocabulary {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    /// RFC 5746.
    package static let secureRenegotiation = Self(rawValue: "secure-renegotiation")
    /// RFC 7627.
    package static let extendedMasterSecret = Self(rawValue: "extended-master-secret")
    /// RFC 7366.
    package static let encryptThenMAC = Self(rawValue: "encrypt-then-mac")
    /// TLS compression (RFC 7457: CRIME).
    package static let compression = Self(rawValue: "compression")
    /// TLS_FALLBACK_SCSV, RFC 7507.
    package static let fallbackSCSV = Self(rawValue: "fallback-scsv")

    /// The session features (issue 17): facts for the auditor, observed by full handshakes.
    /// RFC 7301: a protocol selected from h2 and http/1.1 offered.
    package static let alpn = Self(rawValue: "alpn")
    /// RFC 5077 (TLS 1.2) and RFC 8446 4.6.1 (TLS 1.3): a NewSessionTicket issued.
    package static let sessionTickets = Self(rawValue: "session-tickets")
    /// A second handshake offering the ticket resumed the session.
    package static let ticketResumption = Self(rawValue: "ticket-resumption")
    /// A second handshake offering the session ID (no ticket asked for) resumed the session.
    package static let sessionIDResumption = Self(rawValue: "session-id-resumption")
    /// RFC 8446 4.2.10: the TLS 1.3 ticket allows early data (max_early_data_size above 0).
    package static let earlyData = Self(rawValue: "early-data")

    package static let known: [Self] = [
        .secureRenegotiation, .extendedMasterSecret, .encryptThenMAC, .compression, .fallbackSCSV, .alpn, .sessionTickets,
        .ticketResumption, .sessionIDResumption, .earlyData,
    ]
}
