/// The decomposition of one registry cipher suite.
package struct CipherSuiteInfo: Sendable, Hashable {
    package let code: UInt16
    /// The IANA name; absent for draft code points that never got one.
    package let ianaName: String?
    /// The OpenSSL name, an alias.
    package let opensslName: String?
    package let keyExchange: KeyExchangeMethod
    package let authentication: AuthenticationMethod
    /// The bulk cipher; `nil` for NULL-encryption suites.
    package let cipher: BulkCipher?
    package let mode: CipherMode?
    /// The record MAC; `nil` for AEAD suites, where the AEAD construction authenticates.
    package let mac: MACAlgorithm?
    /// The hash of the TLS 1.2 PRF or the TLS 1.3 HKDF.
    package let prfHash: Primitive?
    package let isAEAD: Bool
    package let isExport: Bool
    /// False for draft, vendor and private-range code points.
    package let isStandard: Bool
    /// The protocol versions the suite can be negotiated in.
    package let versions: ClosedRange<ProtocolVersion>

    package var suite: CipherSuite { CipherSuite(code) }

    /// IANA name, else OpenSSL name, else the hex code.
    package var displayName: String { ianaName ?? opensslName ?? HexCode.format(code, digits: 4) }

    /// No server authentication at all.
    package var isAnonymous: Bool { authentication == .anonymous }

    /// No encryption (NULL cipher).
    package var isNullCipher: Bool { cipher == nil }

    /// Whether the suite gives forward secrecy.
    package var hasForwardSecrecy: Bool { keyExchange.isEphemeral }

    /// TLS 1.0-1.2: whether the server sends a certificate with this suite: certificate-signed
    /// key exchanges and key transport or static DH/ECDH to the certificate's key. Anonymous,
    /// PSK and plain SRP suites need none.
    package var usesCertificate: Bool {
        [.rsa, .ecdsa, .dsa, .sm2, .gost, .fortezza].contains(authentication) || [.rsa, .dh, .ecdh].contains(keyExchange)
    }

    /// TLS 1.0-1.2: whether the server signs its ServerKeyExchange, and so uses a signature
    /// scheme: (EC)DHE and SRP key exchanges authenticated by a certificate's signing key
    /// (RFC 5246 7.4.3, RFC 8422 5.4, RFC 5054 2.8). Anonymous, PSK (RFC 4279, 5489) and plain
    /// SRP suites sign nothing.
    package var signsKeyExchange: Bool {
        [.dhe, .ecdhe, .srp].contains(keyExchange) && [.rsa, .ecdsa, .dsa, .sm2, .gost].contains(authentication)
    }

    /// The authenticated-encryption construction, if the suite is AEAD:
    /// `gcm`, `ccm` or `chacha20-poly1305`.
    package var aeadConstruction: Primitive? {
        guard isAEAD else { return nil }
        if cipher?.algorithm == "chacha20" { return "chacha20-poly1305" }
        return mode?.primitive
    }
}

/// The compiled-in cipher suite registry.
package enum CipherSuiteRegistry {
    /// Registry entries by code point.
    package static let byCode: [UInt16: CipherSuiteInfo] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.code, $0) })

    /// Code points by upper-cased IANA and OpenSSL name.
    package static let byName: [String: UInt16] = {
        var names: [String: UInt16] = [:]
        for info in table {
            for name in [info.ianaName, info.opensslName].compactMap({ $0 }) {
                names[name.uppercased()] = names[name.uppercased()] ?? info.code
            }
        }
        return names
    }()

    /// Every registry suite, in code-point order.
    package static var all: [CipherSuiteInfo] { table }
}
