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

    package static let known: [Self] = [.secureRenegotiation, .extendedMasterSecret, .encryptThenMAC, .compression, .fallbackSCSV]
}
