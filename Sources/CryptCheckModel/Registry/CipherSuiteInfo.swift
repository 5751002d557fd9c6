/// The decomposition of one registry cipher suite.
public struct CipherSuiteInfo: Sendable, Hashable {
    public let code: UInt16
    /// The IANA name; absent for draft code points that never got one.
    public let ianaName: String?
    /// The OpenSSL name, an alias.
    public let opensslName: String?
    public let keyExchange: KeyExchangeMethod
    public let authentication: AuthenticationMethod
    /// The bulk cipher; `nil` for NULL-encryption suites.
    public let cipher: BulkCipher?
    public let mode: CipherMode?
    /// The record MAC; `nil` for AEAD suites, where the AEAD construction authenticates.
    public let mac: MACAlgorithm?
    /// The hash of the TLS 1.2 PRF or the TLS 1.3 HKDF.
    public let prfHash: Primitive?
    public let isAEAD: Bool
    public let isExport: Bool
    /// False for draft, vendor and private-range code points.
    public let isStandard: Bool
    /// The protocol versions the suite can be negotiated in.
    public let versions: ClosedRange<ProtocolVersion>

    public var suite: CipherSuite { CipherSuite(code) }

    /// IANA name, else OpenSSL name, else the hex code.
    public var displayName: String { ianaName ?? opensslName ?? HexCode.format(code, digits: 4) }

    /// No server authentication at all.
    public var isAnonymous: Bool { authentication == .anonymous }

    /// No encryption (NULL cipher).
    public var isNullCipher: Bool { cipher == nil }

    /// Whether the suite gives forward secrecy.
    public var hasForwardSecrecy: Bool { keyExchange.isEphemeral }

    /// The authenticated-encryption construction, if the suite is AEAD:
    /// `gcm`, `ccm` or `chacha20-poly1305`.
    public var aeadConstruction: Primitive? {
        guard isAEAD else { return nil }
        if cipher?.algorithm == "chacha20" { return "chacha20-poly1305" }
        return mode?.primitive
    }
}

/// The compiled-in cipher suite registry.
public enum CipherSuiteRegistry {
    /// Registry entries by code point.
    public static let byCode: [UInt16: CipherSuiteInfo] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.code, $0) })

    /// Code points by upper-cased IANA and OpenSSL name.
    public static let byName: [String: UInt16] = {
        var names: [String: UInt16] = [:]
        for info in table {
            for name in [info.ianaName, info.opensslName].compactMap({ $0 }) {
                names[name.uppercased()] = names[name.uppercased()] ?? info.code
            }
        }
        return names
    }()

    /// Every registry suite, in code-point order.
    public static var all: [CipherSuiteInfo] { table }
}
