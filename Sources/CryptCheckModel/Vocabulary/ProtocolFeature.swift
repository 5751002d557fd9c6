/// A TLS protocol feature an endpoint is probed for.
public struct ProtocolFeature: Vocabulary {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// RFC 5746.
    public static let secureRenegotiation = Self(rawValue: "secure-renegotiation")
    /// RFC 7627.
    public static let extendedMasterSecret = Self(rawValue: "extended-master-secret")
    /// RFC 7366.
    public static let encryptThenMAC = Self(rawValue: "encrypt-then-mac")
    /// TLS compression (RFC 7457: CRIME).
    public static let compression = Self(rawValue: "compression")
    /// TLS_FALLBACK_SCSV, RFC 7507.
    public static let fallbackSCSV = Self(rawValue: "fallback-scsv")

    public static let known: [Self] = [.secureRenegotiation, .extendedMasterSecret, .encryptThenMAC, .compression, .fallbackSCSV]
}
