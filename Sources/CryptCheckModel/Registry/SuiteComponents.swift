/// How a TLS cipher suite establishes its keys (the registry's decomposition).
package enum KeyExchangeMethod: String, Sendable, Codable, CaseIterable {
    case null, rsa, dh, dhe, ecdh, ecdhe
    case dhAnon = "dh-anon"
    case ecdhAnon = "ecdh-anon"
    case psk, srp, krb5, gost
    case fortezzaKEA = "fortezza-kea"
    case cecpq1, sm9
    /// TLS 1.3 suites: key exchange is negotiated by supported_groups, not by the suite.
    case negotiatedSeparately = "negotiated-separately"

    /// Whether a fresh ephemeral secret is made per connection (forward secrecy).
    package var isEphemeral: Bool {
        switch self {
        case .dhe, .ecdhe, .dhAnon, .ecdhAnon, .cecpq1, .negotiatedSeparately: true
        default: false
        }
    }
}

/// How a TLS cipher suite authenticates the server (the registry's decomposition).
package enum AuthenticationMethod: String, Sendable, Codable, CaseIterable {
    case anonymous, rsa, ecdsa, dsa, psk, krb5, srp, gost, sm2, sm9, fortezza
    /// TLS 1.3 suites: authentication is negotiated by signature_algorithms and the certificate.
    case negotiatedSeparately = "negotiated-separately"
}

/// A block-cipher mode as used by a suite; `ccm8` is CCM with an 8-byte tag.
package enum CipherMode: String, Sendable, Codable, CaseIterable {
    case cbc, gcm, ccm
    case ccm8 = "ccm-8"
    case mgm, eax, ctr, cfb, ofb, ecb

    /// The list primitive this mode is an instance of.
    package var primitive: Primitive { Primitive(self == .ccm8 ? "ccm" : rawValue) }
}

/// A bulk cipher with its key size and the security strength of the cipher itself
/// (3-key Triple DES: 168-bit key, 112-bit strength; export ciphers: 40 bits).
package struct BulkCipher: Sendable, Hashable, Codable {
    package let algorithm: Primitive
    package let keyBits: Int
    package let strengthBits: Int

    package init(algorithm: Primitive, keyBits: Int, strengthBits: Int) {
        self.algorithm = algorithm
        self.keyBits = keyBits
        self.strengthBits = strengthBits
    }
}

/// A record MAC: the MAC construction and, for HMAC, its hash.
package struct MACAlgorithm: Sendable, Hashable, Codable {
    package let primitive: Primitive
    package let hash: Primitive?

    package init(primitive: Primitive, hash: Primitive?) {
        self.primitive = primitive
        self.hash = hash
    }
}
